// Worker entry: registers the TypeScript loader (tsx) in this thread, then runs the worker module.
import { register } from 'tsx/esm/api';

register();
await import('./simulation-worker.ts');
