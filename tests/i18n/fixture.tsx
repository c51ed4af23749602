/**
 * Input for `php bin/make-pot.php --self-test`; never built or run.
 */
import { __, _n, _nx, _x, sprintf } from '@wordpress/i18n';

type Props = { count: number; name: string };

const QUOTES = /["'`]/g; // A regular expression with quotes must not open a string.
const ratio = 10 / 2 / 5; // Divisions are not regular expressions.
const labels = new Map< string, string >();

export function Fixture( { count, name }: Props ) {
	const title = `Template with 'quotes' and ${ name }`;
	return (
		<div className="fixture" data-note='Don"t' title={ __( 'In an attribute', 'auth-sentinel' ) }>
			<p>Don't worry: JSX text with an apostrophe, a quote " and a `backtick` is not code.</p>
			{ __( 'Plain string', 'auth-sentinel' ) }
			{ sprintf(
				// translators: %s: a user's name.
				__( 'Hello %s', 'auth-sentinel' ),
				name
			) }
			{ __( "Double \"quoted\" and 'single'", 'auth-sentinel' ) }
			{ __( 'Escapes: \u00e9 \u{1F600} \uD83D\uDE00 \x41 \\ \' \t\n', 'auth-sentinel' ) }
			{ __( 'Line \
continued', 'auth-sentinel' ) }
			{ __( `Back-quoted, no interpolation`, 'auth-sentinel' ) }
			{ __( `Back-quoted
over two lines`, 'auth-sentinel' ) }
			{ _x( 'Post', 'verb', 'auth-sentinel' ) }
			{ sprintf(
				/* translators: %d: number of sessions. */
				_n( '%d session', '%d sessions', count, 'auth-sentinel' ),
				count
			) }
			{ _nx( '%d token', '%d tokens', count, 'in a list', 'auth-sentinel' ) }
			<>
				{ /* translators: inside a fragment. */ }
				<span>{ __( 'In a fragment', 'auth-sentinel' ) }</span>
				<br />
			</>
			<Nested
				// translators: a comment between attributes.
				label={ __( 'Between attributes', 'auth-sentinel' ) }
				{ ...{ hint: __( 'Spread', 'auth-sentinel' ) } }
			/>
			{ /* Ignored: another domain, a method that is not @wordpress/i18n's. */ }
			{ __( 'Other domain', 'woocommerce' ) }
			{ other.__( 'A method', 'auth-sentinel' ) }
			{ /* Reported, not extracted. */ }
			{ __( `Interpolated ${ name }`, 'auth-sentinel' ) }
			{ __( 'Joined ' + 'literals', 'auth-sentinel' ) }
			{ __( title, 'auth-sentinel' ) }
			{ __( 'No domain' ) }
			{ _n( 'One item', '%d items', count, 'auth-sentinel' ) }
			{ count > 1 && <em>{ labels.get( 'x' ) ?? ratio }</em> }
			{ QUOTES.test( name ) ? __( 'After a regular expression', 'auth-sentinel' ) : null }
		</div>
	);
}

function Nested( props: { label: string } ) {
	return <span>{ props.label }</span>;
}

// Not JSX: a generic arrow function's type parameters.
export const identity = <T,>( item: T ): T => item;
let counter = 0;
// A division after "++", then a quote in a comment: it's fine.
export const half = counter++ / 2 / ( __( 'After a division', 'auth-sentinel' ).length || 1 );
