/** A child process that holds a DATA_DIR lock until it is killed (tests kill it with SIGKILL). */
import { lockDataDir } from '../../dev/host/data-dir-lock';

lockDataDir(process.argv[2] as string);
console.log('locked');
setInterval(() => undefined, 60_000);
