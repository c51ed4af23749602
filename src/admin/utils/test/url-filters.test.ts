import { AUDIT_STATE } from '../../audit/url-state';
import { restQueryFromState as auditQuery } from '../../audit/query';
import { restQueryFromState as eventsQuery } from '../../errors/query';
import { ERRORS_STATE } from '../../errors/url-state';
import { APP_CODE_PATTERN, appCode } from '../url-params';

const ERRORS = 'https://shop.test/wp-admin/admin.php?page=auth-sentinel-errors';
const AUDIT = 'https://shop.test/wp-admin/admin.php?page=auth-sentinel-audit';
const NOW = new Date( '2026-11-26T15:00:00Z' );

describe( 'appCode', () => {
	it( 'takes what GET /events takes as `code`: ^[a-z0-9_]{1,64}$', () => {
		expect( APP_CODE_PATTERN.source ).toBe( '^[a-z0-9_]{1,64}$' );
		expect( appCode( 'token_invalid' ) ).toBe( 'token_invalid' );
		expect( appCode( 'api02003' ) ).toBe( 'api02003' );
		expect( appCode( 'a'.repeat( 64 ) ) ).toBe( 'a'.repeat( 64 ) );
	} );

	it( 'lowercases a code that only differs by case, and trims it', () => {
		expect( appCode( 'TOKEN_INVALID' ) ).toBe( 'token_invalid' );
		expect( appCode( 'ABC' ) ).toBe( 'abc' );
		expect( appCode( ' token_expired ' ) ).toBe( 'token_expired' );
	} );

	it( 'refuses what is still no code', () => {
		expect( appCode( 'ABC!' ) ).toBeNull();
		expect( appCode( 'token invalid' ) ).toBeNull();
		expect( appCode( 'token-invalid' ) ).toBeNull();
		expect( appCode( 'simple_jwt_login_middleware_error:14' ) ).toBeNull();
		expect( appCode( 'a'.repeat( 65 ) ) ).toBeNull();
		expect( appCode( 'é' ) ).toBeNull();
		expect( appCode( '' ) ).toBeNull();
		expect( appCode( '   ' ) ).toBeNull();
		expect( appCode( undefined ) ).toBeNull();
		expect( appCode( 12 ) ).toBeNull();
	} );
} );

describe( 'the code parameter of the Errors screen', () => {
	it( 'reads a valid code and asks GET /events for it', () => {
		const state = ERRORS_STATE.read( `${ ERRORS }&code=token_invalid` );
		expect( state.code ).toBe( 'token_invalid' );
		expect( eventsQuery( state, NOW ).code ).toBe( 'token_invalid' );
		expect( ERRORS_STATE.toView( state ).filters ).toEqual( [
			{ field: 'code', operator: 'is', value: 'token_invalid' },
		] );
		expect( ERRORS_STATE.href( ERRORS, { code: 'token_invalid' } ) ).toBe(
			`${ ERRORS }&code=token_invalid`
		);
	} );

	it( 'reads a code in capitals as the lowercase code', () => {
		const state = ERRORS_STATE.read( `${ ERRORS }&code=TOKEN_INVALID` );
		expect( state.code ).toBe( 'token_invalid' );
		expect( eventsQuery( state, NOW ).code ).toBe( 'token_invalid' );
	} );

	it.each( [
		[ 'a character off the pattern', 'ABC!' ],
		[ 'a space', 'token%20invalid' ],
		[ '65 characters', 'a'.repeat( 65 ) ],
		[
			'a server code with a detail',
			'simple_jwt_login_middleware_error:14',
		],
		[ 'nothing', '' ],
	] )( 'ignores a code with %s: no filter, none sent', ( _, code ) => {
		const state = ERRORS_STATE.read( `${ ERRORS }&code=${ code }` );
		expect( state ).toEqual( ERRORS_STATE.initial );
		expect( eventsQuery( state, NOW ) ).not.toHaveProperty( 'code' );
		expect( ERRORS_STATE.toView( state ).filters ).toEqual( [] );
	} );

	it( 'keeps the other filters of an address with a bad code', () => {
		const state = ERRORS_STATE.read(
			`${ ERRORS }&code=ABC!&cause=expired&paged=2`
		);
		expect( state ).toEqual( {
			...ERRORS_STATE.initial,
			cause: 'expired',
			page: 2,
		} );
	} );
} );

describe( 'the since and until parameters', () => {
	it( 'read a date-time the REST listings take', () => {
		const state = ERRORS_STATE.read(
			`${ ERRORS }&since=2026-11-26T12:00:00Z&until=2026-11-26T13:00:00%2B01:00`
		);
		expect( eventsQuery( state, NOW ) ).toMatchObject( {
			since: '2026-11-26T12:00:00Z',
			until: '2026-11-26T13:00:00+01:00',
		} );
	} );

	it.each( [
		[ 'a day alone', '2026-11-26' ],
		[ 'a number', '1' ],
		[ 'words', 'Nov%2026%202026' ],
		[ 'a month that does not exist', '2026-13-01T00:00:00Z' ],
	] )(
		'ignore %s, which the browser reads as a date and the server refuses',
		( _, date ) => {
			const errors = ERRORS_STATE.read(
				`${ ERRORS }&since=${ date }&until=${ date }`
			);
			expect( errors ).toEqual( ERRORS_STATE.initial );
			const query = eventsQuery( errors, NOW );
			expect( query ).not.toHaveProperty( 'since' );
			expect( query ).not.toHaveProperty( 'until' );
			const audit = AUDIT_STATE.read(
				`${ AUDIT }&since=${ date }&until=2026-11-26T13:00:00Z`
			);
			expect( auditQuery( audit, NOW ) ).not.toHaveProperty( 'since' );
			expect( auditQuery( audit, NOW ).until ).toBe(
				'2026-11-26T13:00:00Z'
			);
		}
	);

	it( 'swap a range that ends before it starts, which GET /audit refuses', () => {
		const state = AUDIT_STATE.read(
			`${ AUDIT }&since=2026-11-26T13:00:00Z&until=2026-11-20T00:00:00Z`
		);
		expect( auditQuery( state, NOW ) ).toMatchObject( {
			since: '2026-11-20T00:00:00Z',
			until: '2026-11-26T13:00:00Z',
		} );
		// A date without a zone is UTC to the server: 13:00+01:00 is 12:00
		// UTC, before 12:30.
		const zoned = AUDIT_STATE.read(
			`${ AUDIT }&since=2026-11-26T12:30:00&until=2026-11-26T13:00:00%2B01:00`
		);
		expect( auditQuery( zoned, NOW ) ).toMatchObject( {
			since: '2026-11-26T13:00:00+01:00',
			until: '2026-11-26T12:30:00',
		} );
	} );
} );
