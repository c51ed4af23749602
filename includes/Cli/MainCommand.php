<?php
/**
 * The wp auth-sentinel command.
 *
 * @package AuthSentinel
 */

namespace AuthSentinel\Cli;

use AuthSentinel\Settings\Settings;

defined( 'ABSPATH' ) || exit;

/**
 * Inspects and manages Auth Sentinel's failures, secrets, sessions and audit.
 *
 * Every failed sign-in, cookie and token is recorded and diagnosed; changes of
 * the keys, salts and token secrets are noticed; every user's sessions can be
 * listed and revoked, and each revocation is audited.
 *
 * ## EXAMPLES
 *
 *     # What failed lately, and why.
 *     $ wp auth-sentinel events list --since="-1 day"
 *
 *     # Did the keys and salts change?
 *     $ wp auth-sentinel secrets status
 *
 *     # Sign one user out of everything.
 *     $ wp --user=admin auth-sentinel sessions revoke --account=maria
 *
 *     # The POS app shows API02003: what does it mean?
 *     $ wp auth-sentinel catalog get API02003
 *
 * @since 0.1.0
 */
class MainCommand extends Command {

	/**
	 * Deletes failures and audit rows older than the retention settings.
	 *
	 * The same as the daily clean-up, run now and to the end: failures last seen
	 * more than the failure retention ago (90 days unless changed in Settings),
	 * audit rows older than the audit retention (365 days unless changed).
	 *
	 * ## EXAMPLES
	 *
	 *     $ wp auth-sentinel prune
	 *     Success: Deleted 120 failures (older than 90 days) and 45 audit rows (older than 365 days).
	 *
	 * @param array<int, string>   $args       Positional arguments (none).
	 * @param array<string, mixed> $assoc_args Options.
	 * @return void
	 */
	public function prune( $args, $assoc_args ): void {
		$event_days = max( 1, (int) Settings::get( 'events_retention_days' ) );
		$audit_days = max( 1, (int) Settings::get( 'audit_retention_days' ) );
		$events     = $this->plugin->events()->prune();

		$audit  = 0;
		$before = gmdate( 'Y-m-d H:i:s', time() - $audit_days * DAY_IN_SECONDS );
		do {
			$result = $this->plugin->auditor()->repository()->prune( $before );
			$audit += $result['deleted'];
		} while ( ! $result['done'] );

		\WP_CLI::success(
			sprintf(
				'Deleted %d %s (older than %d days) and %d audit %s (older than %d days).',
				$events,
				1 === $events ? 'failure' : 'failures',
				$event_days,
				$audit,
				1 === $audit ? 'row' : 'rows',
				$audit_days
			)
		);
	}

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
	 * the recorded change back.
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
	 * [--force]
	 * : Runs even where WordPress says the environment is production (WP_ENVIRONMENT_TYPE, which is production unless set).
	 *
	 * ## EXAMPLES
	 *
	 *     $ wp auth-sentinel demo --yes
	 *     $ wp auth-sentinel demo --yes --users=100 --days=30
	 *     $ wp auth-sentinel demo --remove --yes
	 *
	 * @param array<int, string>   $args       Positional arguments (none).
	 * @param array<string, mixed> $assoc_args Options.
	 * @return void
	 */
	public function demo( $args, $assoc_args ): void {
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
		$demo = new Demo( $this->plugin );
		if ( $remove ) {
			$done = $demo->remove();
			if ( 0 === array_sum( $done ) ) {
				\WP_CLI::success( 'There was no demo data to remove.' );
				return;
			}
			\WP_CLI::success( sprintf( 'Removed %d demo users, %d failure rows, %d audit rows and %d session rows; took the recorded secret change back.', $done['users'], $done['events'], $done['audit'], $done['sessions'] ) );
			return;
		}
		if ( $demo->exists() ) {
			\WP_CLI::error( 'The demo data is there already. Remove it first: wp auth-sentinel demo --remove --yes' );
		}
		if ( isset( $assoc_args['seed'] ) ) {
			mt_srand( self::number( $assoc_args, 'seed', 0, 0, PHP_INT_MAX ) ); // phpcs:ignore WordPress.WP.AlternativeFunctions.rand_seeding_mt_srand -- Repeatable demo data on request.
		}
		$done = $demo->fill( self::number( $assoc_args, 'users', 40, 3, 500 ), self::number( $assoc_args, 'days', 7, 1, 90 ), array( \WP_CLI::class, 'log' ) );
		\WP_CLI::success(
			sprintf(
				'Made %d users, %d browser sessions, %d application passwords, %d WCPOS sessions, %d tokens, %d failure rows (%d failures, %d causes), %d audit rows and %s. Remove it all with: wp auth-sentinel demo --remove --yes',
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
			)
		);
	}
}
