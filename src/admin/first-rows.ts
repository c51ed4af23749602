/**
 * The first rows the server printed (includes/Admin/FirstRows.php): the
 * first page of a table screen's default view, shown before the scripts run.
 * The app renders beside them, out of sight, and takes their place in one
 * frame once its own table has loaded, so that the rows never vanish for a
 * spinner in between.
 */
import { useLayoutEffect } from '@wordpress/element';

const SELECTOR = '[data-auth-sentinel-first-rows]';

/** At the latest, the app shows itself after this long (a lost answer). */
const TIMEOUT_MS = 10_000;

let release: ( () => void ) | null = null;

/**
 * Waits for the screen's stylesheet. On a page with the server's rows it loads
 * without blocking the first paint, as a print stylesheet that switches
 * itself to the screen once loaded (AdminPages::load_without_blocking()): the
 * app starts once it applies, so that nothing of it is ever drawn without it.
 *
 * @param doc The page.
 * @return Resolves once the stylesheet applies (or failed to load).
 */
export function screenStylesLoaded(
	doc: Document = document
): Promise< void > {
	// Its id in a right-to-left page: auth-sentinel-admin-rtl-css.
	const link = doc.querySelector(
		'#auth-sentinel-admin-css, #auth-sentinel-admin-rtl-css'
	);
	if ( ! ( link instanceof HTMLLinkElement ) || link.media !== 'print' ) {
		return Promise.resolve();
	}
	return new Promise( ( resolve ) => {
		link.addEventListener( 'load', () => resolve(), { once: true } );
		link.addEventListener( 'error', () => resolve(), { once: true } );
	} );
}

/**
 * Gives the app its own element in the root: the root itself when the server
 * printed no rows, else a hidden element beside them.
 *
 * @param container The root PHP printed.
 * @return Where to render the app.
 */
export function appElement( container: HTMLElement ): HTMLElement {
	const placeholder = container.querySelector< HTMLElement >( SELECTOR );
	if ( ! placeholder ) {
		return container;
	}
	const app = document.createElement( 'div' );
	// Laid out at the page's width (so the table measures itself right), but
	// not painted, not focusable and not read out until it takes over.
	app.style.visibility = 'hidden';
	app.style.position = 'absolute';
	app.style.insetInline = '0';
	app.style.top = '0';
	container.style.position = 'relative';
	container.append( app );

	let timer = 0;
	release = () => {
		release = null;
		window.clearTimeout( timer );
		// Keeps the keyboard where it was: on the same tab of the new navigation.
		const active = placeholder.ownerDocument.activeElement;
		const focused = placeholder.contains( active )
			? active?.getAttribute( 'href' )
			: null;
		placeholder.remove();
		app.removeAttribute( 'style' );
		container.style.removeProperty( 'position' );
		if ( focused ) {
			app.querySelector< HTMLElement >(
				`a[href="${ CSS.escape( focused ) }"]`
			)?.focus();
		}
	};
	timer = window.setTimeout( () => release?.(), TIMEOUT_MS );
	return app;
}

/**
 * Puts the app in the place of the server's rows once `ready` (the table's
 * first answer, or its error, has arrived): in a layout effect, so that both
 * changes show in the same frame.
 *
 * @param ready Whether the screen shows its table, empty state or error.
 */
export function useTakeOverFirstRows( ready: boolean ): void {
	useLayoutEffect( () => {
		if ( ready ) {
			release?.();
		}
	}, [ ready ] );
}
