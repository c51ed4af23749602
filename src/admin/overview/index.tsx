/**
 * Entry point of the Overview page: mounts the Overview screen.
 */
import { mountScreen } from '../mount';
import { screenUrl } from '../config';
import { OverviewScreen } from './overview-screen';
import '../admin.scss';

mountScreen( ( config ) => (
	<OverviewScreen errorsUrl={ screenUrl( config, 'errors' ) } />
) );
