<?php
/**
 * Wires the capture, diagnosis, storage and routes of failures.
 *
 * @package AuthSentinel
 */

namespace AuthSentinel\Events;

use AuthSentinel\Audit\AuditRepository;
use AuthSentinel\Catalog\Catalog;
use AuthSentinel\Secrets\Fingerprinter;
use AuthSentinel\Secrets\SecretsWatch;
use AuthSentinel\Settings\Settings;

defined( 'ABSPATH' ) || exit;

/**
 * Builds the failures domain's objects and hooks them.
 *
 * @since 0.1.0
 */
class EventsModule {

	/**
	 * The daily pruning cron hook.
	 */
	const PRUNE_HOOK = 'auth_sentinel_prune';

	/**
	 * The failures table.
	 *
	 * @var EventsRepository
	 */
	private $events;

	/**
	 * The catalog.
	 *
	 * @var Catalog
	 */
	private $catalog;

	/**
	 * The secrets watch.
	 *
	 * @var SecretsWatch
	 */
	private $secrets;

	/**
	 * The capture hooks.
	 *
	 * @var Capture
	 */
	private $capture;

	/**
	 * The password watch.
	 *
	 * @var PasswordWatch
	 */
	private $passwords;

	/**
	 * Creates the module's objects.
	 *
	 * @param SecretsWatch    $secrets       The secrets watch.
	 * @param Fingerprinter   $fingerprinter Fingerprints credentials.
	 * @param Catalog         $catalog       The error catalog.
	 * @param AuditRepository $audit         The audit log.
	 */
	public function __construct( SecretsWatch $secrets, Fingerprinter $fingerprinter, Catalog $catalog, AuditRepository $audit ) {
		$this->events    = new EventsRepository();
		$this->catalog   = $catalog;
		$this->secrets   = $secrets;
		$issuers         = new Issuers();
		$this->capture   = new Capture(
			new Recorder( $this->events, $catalog ),
			new CookieDiagnosis( $secrets, $fingerprinter ),
			new TokenDiagnosis( new TokenInspector(), $issuers, $secrets, $fingerprinter ),
			new NonceDiagnosis( $secrets ),
			$issuers,
			$secrets,
			$fingerprinter
		);
		$this->passwords = new PasswordWatch( $audit );
	}

	/**
	 * Hooks capture, pruning and the routes.
	 *
	 * @return void
	 */
	public function register(): void {
		$this->capture->register();
		$this->passwords->register();
		add_action( self::PRUNE_HOOK, array( $this, 'prune' ) );
		add_action(
			'rest_api_init',
			function () {
				( new EventsController( $this->events, $this->catalog ) )->register_routes();
				( new StatsController( $this->events, $this->catalog, $this->secrets ) )->register_routes();
			}
		);
	}

	/**
	 * Deletes failures older than the retention setting.
	 *
	 * @return int Rows deleted.
	 */
	public function prune(): int {
		$days = max( 1, (int) Settings::get( 'events_retention_days' ) );
		return $this->events->prune( gmdate( 'Y-m-d H:i:s', time() - $days * DAY_IN_SECONDS ) );
	}

	/**
	 * Makes sure pruning is scheduled.
	 *
	 * @return void
	 */
	public static function schedule(): void {
		if ( ! wp_next_scheduled( self::PRUNE_HOOK ) ) {
			wp_schedule_event( time() + HOUR_IN_SECONDS, 'daily', self::PRUNE_HOOK );
		}
	}
}
