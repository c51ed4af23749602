<?php
/**
 * One part of the plugin's per-request work, or a WordPress primitive it leans on, run TIMES
 * times inside the site (by wp-run.php, under Valgrind: bench/components.sh). The script counts
 * the instructions of a run of 0 and of TIMES and divides the difference: what one call costs.
 *
 * @package AuthSentinel
 */

$auth_sentinel_part  = (string) getenv( 'COMPONENT' );
$auth_sentinel_times = (int) getenv( 'TIMES' );

// Hooks::add() is private: a closure bound to the class calls it, as Hooks::register() does.
$auth_sentinel_add_row = \Closure::bind(
	static function ( array $row ): void {
		self::add( $row );
	},
	null,
	\AuthSentinel\Hooks::class
);
// A row as the table has them: the capability row, whose guard says no to every other capability.
$auth_sentinel_row = \AuthSentinel\Hooks::CAPABILITY_TABLE[0];

switch ( $auth_sentinel_part ) {
	case 'alloptions':
		for ( $auth_sentinel_i = 0; $auth_sentinel_i < $auth_sentinel_times; $auth_sentinel_i++ ) {
			wp_load_alloptions();
		}
		break;
	case 'get_option':
		for ( $auth_sentinel_i = 0; $auth_sentinel_i < $auth_sentinel_times; $auth_sentinel_i++ ) {
			get_option( 'siteurl' );
		}
		break;
	case 'add_filter':
		for ( $auth_sentinel_i = 0; $auth_sentinel_i < $auth_sentinel_times; $auth_sentinel_i++ ) {
			add_filter( 'auth_sentinel_bench_' . $auth_sentinel_i, '__return_true', 10, 3 );
		}
		break;
	case 'add_row':
		for ( $auth_sentinel_i = 0; $auth_sentinel_i < $auth_sentinel_times; $auth_sentinel_i++ ) {
			$auth_sentinel_row[0] = 'auth_sentinel_bench_' . $auth_sentinel_i;
			$auth_sentinel_add_row( $auth_sentinel_row );
		}
		break;
	case 'apply_none':
		for ( $auth_sentinel_i = 0; $auth_sentinel_i < $auth_sentinel_times; $auth_sentinel_i++ ) {
			apply_filters( 'auth_sentinel_bench', array( 'read' ), 'read', 1, array() );
		}
		break;
	case 'apply_plain':
		add_filter( 'auth_sentinel_bench', static function ( $caps ) {
			return $caps;
		}, 10, 3 );
		for ( $auth_sentinel_i = 0; $auth_sentinel_i < $auth_sentinel_times; $auth_sentinel_i++ ) {
			apply_filters( 'auth_sentinel_bench', array( 'read' ), 'read', 1, array() );
		}
		break;
	case 'apply_row':
		$auth_sentinel_row[0] = 'auth_sentinel_bench';
		$auth_sentinel_add_row( $auth_sentinel_row );
		for ( $auth_sentinel_i = 0; $auth_sentinel_i < $auth_sentinel_times; $auth_sentinel_i++ ) {
			apply_filters( 'auth_sentinel_bench', array( 'read' ), 'read', 1, array() );
		}
		break;
	case 'quick_digest':
		for ( $auth_sentinel_i = 0; $auth_sentinel_i < $auth_sentinel_times; $auth_sentinel_i++ ) {
			\AuthSentinel\Secrets\QuickDigest::unchanged();
		}
		break;
	case 'may_carry_token':
		for ( $auth_sentinel_i = 0; $auth_sentinel_i < $auth_sentinel_times; $auth_sentinel_i++ ) {
			\AuthSentinel\Guards::may_carry_token();
		}
		break;
	case 'schema_behind':
		for ( $auth_sentinel_i = 0; $auth_sentinel_i < $auth_sentinel_times; $auth_sentinel_i++ ) {
			\AuthSentinel\Guards::schema_behind();
		}
		break;
	default:
		fwrite( STDERR, "Unknown COMPONENT {$auth_sentinel_part}\n" ); // phpcs:ignore WordPress.WP.AlternativeFunctions -- A command-line script.
		exit( 1 );
}
