// What the dispatcher answers for a command name nobody registered (see dispatch.unknownCommandError).
export { unknownCommandError } from '../dispatch';
