/**
 * Entry point of the Sessions page: mounts the Sessions screen.
 */
import { mountScreen } from '../mount';
import { screenUrl } from '../config';
import { siteScope } from '../network/site-scope';
import { revokeAllContext } from './revoke-scope';
import { SessionsScreen } from './sessions-screen';
import '../components/data-views.scss';
import '../admin.scss';

mountScreen( ( config ) => (
	<SessionsScreen
		sessionsUrl={ screenUrl( config, 'sessions' ) }
		currentUser={ config.currentUser }
		revokeContext={ revokeAllContext( config, siteScope() ) }
	/>
) );
