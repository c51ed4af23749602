/**
 * The app starts once the screen's stylesheet applies (first-rows.ts).
 */
import { screenStylesLoaded } from '../first-rows';

/**
 * Tells whether a promise has settled by the next turn of the event loop.
 *
 * @param promise The promise.
 * @return Whether it resolved.
 */
async function settled( promise: Promise< void > ): Promise< boolean > {
	let done = false;
	void promise.then( () => {
		done = true;
	} );
	await new Promise( ( resolve ) => setTimeout( resolve, 0 ) );
	return done;
}

describe( 'screenStylesLoaded', () => {
	afterEach( () => {
		document.head.innerHTML = '';
	} );

	it( 'does not wait for a stylesheet that blocks rendering as usual', async () => {
		document.head.innerHTML =
			'<link rel="stylesheet" id="auth-sentinel-admin-css" href="a.css" media="all">';
		expect( await settled( screenStylesLoaded() ) ).toBe( true );
	} );

	it.each( [ 'auth-sentinel-admin-css', 'auth-sentinel-admin-rtl-css' ] )(
		'waits until the print stylesheet %s has loaded',
		async ( id ) => {
			document.head.innerHTML = `<link rel="stylesheet" id="${ id }" href="a.css" media="print">`;
			const loaded = screenStylesLoaded();
			expect( await settled( loaded ) ).toBe( false );
			document.getElementById( id )!.dispatchEvent( new Event( 'load' ) );
			expect( await settled( loaded ) ).toBe( true );
		}
	);

	it( 'starts the app anyway when the stylesheet fails', async () => {
		document.head.innerHTML =
			'<link rel="stylesheet" id="auth-sentinel-admin-css" href="a.css" media="print">';
		const loaded = screenStylesLoaded();
		document
			.getElementById( 'auth-sentinel-admin-css' )!
			.dispatchEvent( new Event( 'error' ) );
		expect( await settled( loaded ) ).toBe( true );
	} );
} );
