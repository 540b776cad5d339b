// What the dispatcher answers for a command name nobody registered (see server.unknownCommandError).
export { unknownCommandError } from '../server';
