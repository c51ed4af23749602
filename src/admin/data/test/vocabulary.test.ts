import { AUDIT_ACTIONS } from '../audit/types';
import { CAUSES, EVENTS_ORDER_BY, SOURCES } from '../events/types';
import {
	SESSIONS_ORDER_BY,
	SESSION_STATUS_FILTERS,
	SESSION_TYPES,
} from '../sessions/types';
import { termLabel, termTone, vocabulariesOf } from '../vocabulary';
import { causeTone } from '../../events/causes';
import fixture from '../../test-utils/vocabularies.json';

/*
 * vocabularies.json holds what the server says: the enums of the REST routes
 * the screens call and the vocabularies of the page configuration. PHP's
 * VocabularyTest keeps it true to the server; this keeps the app true to it.
 */
const sorted = ( values: readonly string[] ) => [ ...values ].sort();

describe( 'the lists the app sends and reads', () => {
	it.each( [
		[ 'events.cause', CAUSES ],
		[ 'events.source', SOURCES ],
		[ 'events.orderby', EVENTS_ORDER_BY ],
		[ 'sessions.type', SESSION_TYPES ],
		[ 'sessions.status', SESSION_STATUS_FILTERS ],
		[ 'sessions.orderby', SESSIONS_ORDER_BY ],
		[ 'audit.action', AUDIT_ACTIONS ],
	] as const )(
		'%s holds exactly the values of the REST schema',
		( key, values ) => {
			expect( sorted( values ) ).toEqual( fixture.enums[ key ] );
		}
	);

	it( 'lists causes, audit actions and session types in the server’s order', () => {
		const { vocabularies } = fixture;
		const order = ( name: keyof typeof vocabularies ) =>
			vocabularies[ name ].map( ( term ) => term.value );
		expect( CAUSES ).toEqual( order( 'causes' ) );
		expect( AUDIT_ACTIONS ).toEqual( order( 'auditActions' ) );
		expect( SESSION_TYPES ).toEqual( order( 'sessionTypes' ) );
		expect( SOURCES ).toEqual( order( 'sources' ) );
	} );
} );

describe( 'termLabel', () => {
	afterEach( () => {
		window.authSentinel = { vocabularies: fixture.vocabularies };
	} );

	it( 'names a value as the page configuration does', () => {
		expect( termLabel( 'causes', 'bad_credentials' ) ).toBe(
			'Wrong password'
		);
		window.authSentinel = {
			vocabularies: vocabulariesOf( {
				causes: [ { value: 'expired', label: 'Abgelaufen' } ],
			} ),
		};
		expect( termLabel( 'causes', 'expired' ) ).toBe( 'Abgelaufen' );
	} );

	it( 'gives the causes the badge tone the server chose', () => {
		expect( termTone( 'causes', 'secret_changed' ) ).toBe( 'error' );
		expect( causeTone( 'bad_credentials' ) ).toBe( 'warning' );
		expect( causeTone( 'expired' ) ).toBe( 'info' );
		window.authSentinel = {};
		expect( causeTone( 'secret_changed' ) ).toBe( 'info' );
	} );

	it( 'shows the value itself when the server did not name it', () => {
		expect( termLabel( 'auditActions', 'something_new' ) ).toBe(
			'something_new'
		);
		window.authSentinel = {};
		expect( termLabel( 'sessionTypes', 'cookie' ) ).toBe( 'cookie' );
	} );
} );
