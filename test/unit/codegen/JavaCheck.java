// Compiles each Java file given on the command line on its own (generated programs reuse class
// names such as Server), in one JVM so the test pays for one start-up. Prints one line per file:
// "<index> OK" or "<index> DIAG <message>" for each diagnostic (errors and lint warnings).
import java.io.File;
import java.util.List;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

public class JavaCheck {
    public static void main(String[] args) throws Exception {
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        String outRoot = args[0];
        for (int i = 1; i < args.length; i++) {
            DiagnosticCollector<JavaFileObject> diags = new DiagnosticCollector<>();
            try (StandardJavaFileManager fm = javac.getStandardFileManager(diags, null, java.nio.charset.StandardCharsets.UTF_8)) {
                File out = new File(outRoot, String.valueOf(i));
                out.mkdirs();
                List<String> options = List.of("-encoding", "UTF-8", "-g:none", "-Xlint:all", "-d", out.getPath());
                boolean ok = javac.getTask(null, fm, diags, options, null, fm.getJavaFileObjects(args[i])).call();
                for (Diagnostic<? extends JavaFileObject> d : diags.getDiagnostics()) {
                    System.out.println(i + " DIAG " + d.getKind() + " line " + d.getLineNumber() + ": " + d.getMessage(null).replace('\n', ' '));
                }
                if (ok && diags.getDiagnostics().isEmpty()) System.out.println(i + " OK");
            }
        }
    }
}
