// Identifiers in generated code. Socket variables are named after the scenario's `as`, but a name
// can be a keyword (`int`, `class`), shadow something the program calls (`send`, `print`,
// `System`) or be a C macro (`linux`, `stdout`); such names get a trailing `_`.
import type { Lang } from './types';

const words = (s: string) => s.split(/\s+/).filter(Boolean);

const C_RESERVED = new Set(words(`
  auto break case char const continue default do double else enum extern float for goto if inline
  int long register restrict return short signed sizeof static struct switch typedef union unsigned
  void volatile while asm typeof bool true false nullptr alignas alignof constexpr static_assert
  thread_local typeof_unqual
  be16toh be32toh be64toh htobe16 htobe32 htobe64 htole16 htole32 htole64 le16toh le32toh le64toh
  s6_addr s6_addr16 s6_addr32 st_atime st_ctime st_mtime alloca unix linux errno stdin stdout stderr
  socket bind listen accept connect send recv sendto recvfrom shutdown close setsockopt fcntl
  printf perror exit memset inet_pton inet_ntoa htons htonl ntohs ntohl sleep usleep nanosleep
  main die addr buf n opt lg fill from fromlen
  poll pfd ready pthread_create pthread_join pthread_t`));

const PYTHON_RESERVED = new Set(words(`
  False None True and as assert async await break class continue def del elif else except finally
  for from global if import in is lambda nonlocal not or pass raise return try while with yield
  print socket struct time data addr e select threading readable`));

const JAVA_RESERVED = new Set(words(`
  abstract assert boolean break byte case catch char class const continue default do double else
  enum extends final finally float for goto if implements import instanceof int interface long
  native new package private protected public return short static strictfp super switch
  synchronized this throw throws transient try void volatile while true false null _ var yield
  record sealed permits when
  System String Thread Math Exception Socket ServerSocket DatagramSocket DatagramPacket
  InetSocketAddress StandardCharsets StandardSocketOptions ByteBuffer SocketChannel
  ServerSocketChannel DatagramChannel SocketAddress Object Integer Override java javax args buf n pkt bb from e
  Selector SelectionKey selector key ready`));

const JS_RESERVED = new Set(words(`
  break case catch class const continue debugger default delete do else export extends false
  finally for function if import in instanceof new null return super switch this throw true try
  typeof var void while with yield let static enum await implements package protected interface
  private public arguments eval undefined NaN Infinity
  console process Buffer Promise Math net dgram once on sleep readSome readNow write send
  data msg rinfo err poll queue ready`));

const RESERVED: Record<Lang, Set<string>> = {
  c: C_RESERVED,
  python: PYTHON_RESERVED,
  java: JAVA_RESERVED,
  javascript: JS_RESERVED,
};

function mustRename(lang: Lang, name: string): boolean {
  if (RESERVED[lang].has(name)) return true;
  // C: leading underscores and all-capitals names belong to the implementation's macros.
  if (lang === 'c') return name.startsWith('_') || !/[a-z]/.test(name);
  if (lang === 'python') return /^__.*__$/.test(name);
  return false;
}

/** A legal identifier in all four languages (scenarios that skipped validation may hold anything). */
function sanitize(name: string): string {
  const s = name.replace(/[^A-Za-z0-9_]/g, '_').slice(0, 64);
  return /^[A-Za-z_]/.test(s) ? s : 's' + s;
}

/** A name that `mustRename` accepts, close to the scenario's. */
function renamed(lang: Lang, name: string): string {
  if ((lang === 'c' && name.startsWith('_')) || (lang === 'python' && name.startsWith('__'))) return 'v' + name;
  if (lang === 'c' && !/[a-z]/.test(name)) return name + '_fd';
  return name + '_';
}

/** Allocates the identifiers of one generated program. */
export class Names {
  private readonly taken = new Set<string>();
  private readonly sockets = new Map<string, string>();
  private readonly userNames: Set<string>;

  constructor(private readonly lang: Lang, userNames: Iterable<string>) {
    this.userNames = new Set([...userNames].map(sanitize));
  }

  /** The variable for the scenario's socket name (stable: same name in, same name out). */
  socket(name: string): string {
    let v = this.sockets.get(name);
    if (v === undefined) {
      const base = sanitize(name);
      v = mustRename(this.lang, base) ? this.unique(renamed(this.lang, base)) : base;
      this.taken.add(v);
      this.sockets.set(name, v);
    }
    return v;
  }

  /** A new helper variable derived from `base`, clashing with nothing else in the program. */
  fresh(base: string): string {
    const s = sanitize(base);
    const v = this.unique(mustRename(this.lang, s) ? renamed(this.lang, s) : s);
    this.taken.add(v);
    return v;
  }

  /** `base`, or `base2`, `base3`… : the first that is free. */
  private unique(base: string): string {
    let v = base;
    for (let i = 2; mustRename(this.lang, v) || this.taken.has(v) || this.userNames.has(v); i++) v = `${base}${i}`;
    return v;
  }
}
