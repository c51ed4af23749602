/**
 * Entry point of the Errors page: mounts the Errors screen.
 */
import { mountScreen } from '../mount';
import { screenUrl } from '../config';
import { ErrorsScreen } from './errors-screen';
import '../components/data-views.scss';
import '../admin.scss';

mountScreen( ( config ) => (
	<ErrorsScreen errorsUrl={ screenUrl( config, 'errors' ) } />
) );
