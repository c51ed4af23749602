<?php
/**
 * Fills the site with the demo data, or removes it, without WP-CLI: what `wp auth-sentinel demo
 * --yes --replace` does, for the Playground runtime, where `wp-env run` is not supported.
 * bin/demo.sh runs it there through the Playground CLI (node bin/playground-php.js dev/demo.php).
 *
 * Usage: php dev/demo.php [--remove] [--users=<3…500>] [--days=<1…90>] [--seed=<number>]
 *
 * Existing demo data is replaced (removed, then made anew), so running it again leaves one demo
 * whose story ends now. Refuses where WordPress says the environment is production.
 *
 * @package AuthSentinel
 */

// phpcs:disable WordPress.WP.AlternativeFunctions,WordPress.Security.EscapeOutput -- A command-line script: it prints plain text.

require '/wordpress/wp-load.php';

if ( 'cli' !== PHP_SAPI ) {
	exit( 1 );
}

/**
 * Prints a line and stops with exit code 1.
 *
 * @param string $message What went wrong.
 * @return never
 */
function auth_sentinel_demo_fail( string $message ) {
	fwrite( STDERR, 'Error: ' . $message . "\n" );
	exit( 1 );
}

/**
 * Reads the options: --remove, --users, --days and --seed.
 *
 * @param string[] $args The arguments after the script's name.
 * @return array{remove: bool, users: int, days: int, seed: int|null}
 */
function auth_sentinel_demo_options( array $args ): array {
	$options = array(
		'remove' => false,
		'users'  => 40,
		'days'   => 7,
		'seed'   => null,
	);
	$bounds  = array(
		'users' => array( 3, 500 ),
		'days'  => array( 1, 90 ),
		'seed'  => array( 0, PHP_INT_MAX ),
	);
	foreach ( $args as $arg ) {
		if ( '--remove' === $arg ) {
			$options['remove'] = true;
			continue;
		}
		if ( ! preg_match( '/^--(users|days|seed)=(\d+)$/', $arg, $m ) ) {
			auth_sentinel_demo_fail( sprintf( 'Unknown option %s (usage: dev/demo.php [--remove] [--users=<n>] [--days=<n>] [--seed=<n>]).', $arg ) );
		}
		list( $min, $max ) = $bounds[ $m[1] ];
		if ( (int) $m[2] < $min || (int) $m[2] > $max ) {
			auth_sentinel_demo_fail( sprintf( '--%s must be a whole number from %d to %d.', $m[1], $min, $max ) );
		}
		$options[ $m[1] ] = (int) $m[2];
	}
	return $options;
}

$auth_sentinel_options = auth_sentinel_demo_options( array_slice( $argv, 1 ) );
if ( ! class_exists( '\AuthSentinel\Plugin' ) ) {
	auth_sentinel_demo_fail( 'Auth Sentinel is not active on this site.' );
}
require_once dirname( __DIR__ ) . '/dev/loader.php';
if ( 'production' === wp_get_environment_type() ) {
	auth_sentinel_demo_fail( 'WordPress says this is a production site (WP_ENVIRONMENT_TYPE is "production", or not set): the demo is for development sites only.' );
}

$auth_sentinel_demo = new \AuthSentinel\Dev\Demo();
if ( $auth_sentinel_options['remove'] || $auth_sentinel_demo->exists() ) {
	echo \AuthSentinel\Dev\DemoCommand::removed( $auth_sentinel_demo->remove() ), "\n";
}
if ( ! $auth_sentinel_options['remove'] ) {
	if ( null !== $auth_sentinel_options['seed'] ) {
		mt_srand( $auth_sentinel_options['seed'] ); // phpcs:ignore WordPress.WP.AlternativeFunctions.rand_seeding_mt_srand -- Repeatable demo data on request.
	}
	$auth_sentinel_done = $auth_sentinel_demo->fill(
		$auth_sentinel_options['users'],
		$auth_sentinel_options['days'],
		static function ( string $line ) {
			echo $line, "\n";
		}
	);
	echo \AuthSentinel\Dev\DemoCommand::made( $auth_sentinel_done ), "\n";
}
