export { TaosimError, type TaosimErrorParameters, type TaosimErrorType } from './base.ts';
export {
  ConfigError,
  type ConfigErrorType,
  type ConfigIssue,
  formatConfigIssue,
  JsonSyntaxError,
  type JsonSyntaxErrorType,
} from './config.ts';
export { CliError, type CliErrorParameters, type CliErrorType, ExitCode } from './cli.ts';
export { MechanismInvariantError, type MechanismInvariantErrorType } from './mechanism.ts';
