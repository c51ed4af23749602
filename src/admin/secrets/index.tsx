/**
 * Entry point of the Secrets page: mounts the Secrets screen.
 */
import { mountScreen } from '../mount';
import { SecretsScreen } from './secrets-screen';
import '../admin.scss';

mountScreen( () => <SecretsScreen /> );
