/**
 * Entry point of the Audit page: mounts the Audit screen.
 */
import { mountScreen } from '../mount';
import { AuditScreen } from './audit-screen';
import '../components/data-views.scss';
import '../admin.scss';

mountScreen( ( config ) => (
	<AuditScreen restRoot={ config.restRoot } restNonce={ config.restNonce } />
) );
