/**
 * Entry point of the Settings page: mounts the Settings screen.
 */
import { mountScreen } from '../mount';
import { SettingsScreen } from './settings-screen';
import '../admin.scss';

mountScreen( ( config ) => <SettingsScreen roles={ config.roles } /> );
