/**
 * passport-nl-doctor: checks a Petje.af, Gofundo, MijnKlantportaal or AltDentifier client
 * against the real provider (`npx passport-nl-doctor <provider>`), or from code with
 * {@link runDoctor}.
 *
 * @packageDocumentation
 */
export { main, type DoctorOutput } from './main';
export { runDoctor } from './run-doctor';
export { readCommand, DEFAULT_TIMEOUT_MS, USAGE, UsageError, type DoctorCommand } from './settings';
export { formatTable, formatJson, exitCodeOf } from './format';
export {
  PROVIDER_NAMES,
  type CheckResult,
  type DoctorReport,
  type DoctorSettings,
  type ProviderName,
  type SettingSource,
  type Sourced,
} from './types';
