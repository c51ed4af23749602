<?php
/**
 * The wp auth-sentinel demo command (development sites only).
 *
 * @package AuthSentinel
 */

namespace AuthSentinel\Dev;

use AuthSentinel\Cli\Command;

defined( 'ABSPATH' ) || exit;

/**
 * Fills a development site with made-up data, or removes it.
 *
 * @since 0.1.0
 */
class DemoCommand extends Command {

	/**
	 * Fills a development site with made-up data, or removes it.
	 *
	 * Never run this on a real site. It makes users whose logins start with
	 * "demo-" (cashiers, managers, app users) with browser sessions, application
	 * passwords, WCPOS sessions and tokens, all through WordPress's own APIs so
	 * that the Sessions screen lists them; failures of every cause spread over the
	 * last days, with a spike after a recorded change of the keys and salts (no
	 * secret is touched: the change is only recorded); and audit rows. Addresses
	 * are from the ranges reserved for documentation.
	 *
	 * `--remove` deletes the demo users and everything the demo wrote, and takes
	 * the recorded change back. `--replace` does that first when demo data is
	 * there, then makes it anew (so its story ends now).
	 *
	 * ## OPTIONS
	 *
	 * [--yes]
	 * : Confirms this is a development site. Required.
	 *
	 * [--users=<number>]
	 * : How many users to make (3 to 500).
	 * ---
	 * default: 40
	 * ---
	 *
	 * [--days=<number>]
	 * : Over how many days to spread the failures (1 to 90).
	 * ---
	 * default: 7
	 * ---
	 *
	 * [--seed=<number>]
	 * : Makes the same data each time.
	 *
	 * [--remove]
	 * : Removes the demo data instead.
	 *
	 * [--replace]
	 * : Removes the demo data first when it is there, instead of refusing.
	 *
	 * [--force]
	 * : Runs even where WordPress says the environment is production (WP_ENVIRONMENT_TYPE, which is production unless set).
	 *
	 * ## EXAMPLES
	 *
	 *     $ wp auth-sentinel demo --yes
	 *     $ wp auth-sentinel demo --yes --users=100 --days=30
	 *     $ wp auth-sentinel demo --yes --replace
	 *     $ wp auth-sentinel demo --remove --yes
	 *
	 * @param array<int, string>   $args       Positional arguments (none).
	 * @param array<string, mixed> $assoc_args Options.
	 * @return void
	 */
	public function __invoke( $args, $assoc_args ): void {
		$remove = ! empty( $assoc_args['remove'] );
		if ( empty( $assoc_args['yes'] ) ) {
			\WP_CLI::error(
				$remove
					? 'This deletes the demo users (logins starting with "demo-") and the rows the demo wrote. Pass --yes to go ahead.'
					: 'This fills the site with made-up users, sessions, failures and audit rows: never run it on a real site. Pass --yes to go ahead.'
			);
		}
		if ( 'production' === wp_get_environment_type() && empty( $assoc_args['force'] ) ) {
			\WP_CLI::error( 'WordPress says this is a production site (WP_ENVIRONMENT_TYPE is "production", or not set). Set it to "local" or "development", or pass --force if you are sure.' );
		}
		$demo = new Demo();
		if ( $remove ) {
			\WP_CLI::success( self::removed( $demo->remove() ) );
			return;
		}
		if ( $demo->exists() ) {
			if ( empty( $assoc_args['replace'] ) ) {
				\WP_CLI::error( 'The demo data is there already. Remove it first (wp auth-sentinel demo --remove --yes), or pass --replace.' );
			}
			\WP_CLI::log( self::removed( $demo->remove() ) );
		}
		if ( isset( $assoc_args['seed'] ) ) {
			mt_srand( self::number( $assoc_args, 'seed', 0, 0, PHP_INT_MAX ) ); // phpcs:ignore WordPress.WP.AlternativeFunctions.rand_seeding_mt_srand -- Repeatable demo data on request.
		}
		$done = $demo->fill( self::number( $assoc_args, 'users', 40, 3, 500 ), self::number( $assoc_args, 'days', 7, 1, 90 ), array( \WP_CLI::class, 'log' ) );
		\WP_CLI::success( self::made( $done ) . ' Remove it all with: wp auth-sentinel demo --remove --yes' );
	}

	/**
	 * Says what Demo::fill() made.
	 *
	 * @param array<string, int> $done What it returned.
	 * @return string
	 */
	public static function made( array $done ): string {
		return sprintf(
			'Made %d users, %d browser sessions, %d application passwords, %d WCPOS sessions, %d tokens, %d failure rows (%d failures, %d causes), %d audit rows and %s.',
			$done['users'],
			$done['cookie'],
			$done['app_password'],
			$done['wcpos'],
			$done['token'],
			$done['rows'],
			$done['failures'],
			$done['causes'],
			$done['audit'],
			$done['secret'] ? 'one recorded change of the keys and salts' : 'no recorded change of the keys (the secrets watch knows none of them yet)'
		);
	}

	/**
	 * Says what Demo::remove() removed.
	 *
	 * @param array{users: int, events: int, audit: int, sessions: int} $done What it returned.
	 * @return string
	 */
	public static function removed( array $done ): string {
		if ( 0 === array_sum( $done ) ) {
			return 'There was no demo data to remove.';
		}
		return sprintf( 'Removed %d demo users, %d failure rows, %d audit rows and %d session rows; took the recorded secret change back.', $done['users'], $done['events'], $done['audit'], $done['sessions'] );
	}
}
