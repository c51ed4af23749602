<?php
/**
 * Plugin Name: Fixture "Plugin"
 * Plugin URI:  https://example.com/fixture
 * Description: A header with a backslash \ and "quotes".
 * Version:     9.8.7
 * Author:      Fixture Authors
 * Text Domain: auth-sentinel
 *
 * Input for `php bin/make-pot.php --self-test`; never loaded. Each call below says what the
 * extractor must do with it; tests/i18n/expected.pot and expected-warnings.txt hold the result.
 *
 * @package AuthSentinel
 */

defined( 'ABSPATH' ) || exit;

// Plain strings, each function once.
__( 'Plain string', 'auth-sentinel' );
_e( 'Echoed string', 'auth-sentinel' );
esc_html__( 'Escaped for HTML', 'auth-sentinel' );
esc_html_e( 'Echoed, escaped for HTML', 'auth-sentinel' );
esc_attr__( 'Escaped for an attribute', 'auth-sentinel' );
esc_attr_e( 'Echoed, escaped for an attribute', 'auth-sentinel' );

// Quotes and escapes: single quotes know only \\ and \'; double quotes know \n, \t, \", \$, \x41…
__( 'It\'s a back\\slash and a \n that stays', 'auth-sentinel' );
__( "Double \"quoted\"\tTabbed \$dollar \x41\101\u{e9} and \q", 'auth-sentinel' );
__( "First line\nSecond line\n", 'auth-sentinel' );
__( 'Raw
newline', 'auth-sentinel' );

// Context: the same text in two contexts makes two messages.
_x( 'Post', 'noun', 'auth-sentinel' );
_ex( 'Post', 'verb', 'auth-sentinel' );
esc_html_x( 'Post', 'noun', 'auth-sentinel' );
esc_attr_x( 'Archive', 'verb', 'auth-sentinel' );

/* translators: %s: a user's name. */
printf( esc_html__( 'Hello %s', 'auth-sentinel' ), 'Ada' );

$message = sprintf(
	// translators: 1: a number of failures,
	// 2: a site name.
	_n( '%1$s failure on %2$s', '%1$s failures on %2$s', 3, 'auth-sentinel' ),
	3,
	'Example'
);

/**
 * Translators: a doc comment works too (any case).
 */
$label = _nx( '%s session', '%s sessions', 2, 'revocable sessions', 'auth-sentinel' );

// The nearest translators comment wins; the first call takes it, the second has none.
/* translators: not this one. */
/* translators: %s: a name. */
$pair = array( __( 'Name: %s', 'auth-sentinel' ), __( 'No comment here', 'auth-sentinel' ) );

$noops = array(
	_n_noop( '%s token', '%s tokens', 'auth-sentinel' ),
	/* translators: %s: a number of passwords. */
	_nx_noop( '%s password', '%s passwords', 'application passwords', 'auth-sentinel' ),
);

// Duplicates merge: one message, both references and both comments.
/* translators: shown on the dashboard. */
__( 'Plain string', 'auth-sentinel' );
\__( 'Plain string', 'auth-sentinel' );

// Heredoc and nowdoc without interpolation are literals.
__(
	<<<TEXT
	Heredoc with a \"kept\" backslash-quote and a \t tab
	TEXT,
	'auth-sentinel'
);
__(
	<<<'TEXT'
	Nowdoc keeps \t as is
	TEXT,
	'auth-sentinel'
);

// Ignored: other text domains, methods, static methods, a function of the same name elsewhere.
__( 'WordPress core string', 'default' );
_n( 'Other plugin item', 'Other plugin items', 2, 'woocommerce' );
$translator->__( 'A method', 'auth-sentinel' );
Translator::__( 'A static method', 'auth-sentinel' );
Other\Space\__( 'A namespaced function', 'auth-sentinel' );

// Reported, not extracted.
__( $variable, 'auth-sentinel' );
__( 'Joined ' . 'literals', 'auth-sentinel' );
__( "Interpolated $variable", 'auth-sentinel' );
_x( 'Known text', $context, 'auth-sentinel' );
__( 'Variable domain', $domain );
__( 'No domain' );
// phpcs:ignore WordPress.WP.I18n.NonSingularStringLiteralText -- Acknowledged: only a note.
__( $acknowledged, 'auth-sentinel' );
_n( 'One item', '%d items', 2, 'auth-sentinel' );
/* translators: an orphan comment, no call follows in its statement. */
$nothing = 1;
