// Browser entry: the stage on the built-in scenarios, simulated in a worker.
import { boot, registerServiceWorker } from './app/boot';
import { createWorkerRunner } from './app/runner';
import { builtinCatalog } from './app/builtinCatalog';

registerServiceWorker();
void boot(document.getElementById('root')!, { runner: createWorkerRunner(), catalog: builtinCatalog() });
