<?php
/**
 * Wires the secrets watch.
 *
 * @package AuthSentinel
 */

namespace AuthSentinel\Secrets;

use AuthSentinel\Audit\AuditRepository;
use AuthSentinel\Rest\Routes;

defined( 'ABSPATH' ) || exit;

/**
 * Builds the secrets watch's objects and hooks them.
 *
 * @since 0.1.0
 */
class SecretsModule {

	/**
	 * The watch.
	 *
	 * @var SecretsWatch
	 */
	private $watch;

	/**
	 * The known state.
	 *
	 * @var SecretsState
	 */
	private $state;

	/**
	 * What is known of the secrets' changes.
	 *
	 * @var SecretFacts
	 */
	private $facts;

	/**
	 * Fingerprints secrets and credentials with the site's key.
	 *
	 * @var Fingerprinter
	 */
	private $fingerprinter;

	/**
	 * Creates the module's objects.
	 *
	 * @param AuditRepository $audit The audit log.
	 */
	public function __construct( AuditRepository $audit ) {
		$this->fingerprinter = new Fingerprinter();
		$this->state         = new SecretsState();
		$this->watch         = new SecretsWatch( new SecretResolver( $this->fingerprinter ), $this->state, $audit, $this->fingerprinter );
		$this->facts         = new SecretFacts( $this->state, $audit, $this->fingerprinter );
	}

	/**
	 * Returns what is known of the secrets' changes.
	 *
	 * @return SecretFacts
	 */
	public function facts(): SecretFacts {
		return $this->facts;
	}

	/**
	 * Returns the fingerprinter shared with the other domains.
	 *
	 * @return Fingerprinter
	 */
	public function fingerprinter(): Fingerprinter {
		return $this->fingerprinter;
	}

	/**
	 * Returns the watch.
	 *
	 * @return SecretsWatch
	 */
	public function watch(): SecretsWatch {
		return $this->watch;
	}

	/**
	 * Hooks the watch, the notice and the route.
	 *
	 * @return void
	 */
	public function register(): void {
		$this->watch->register();
		if ( is_admin() ) {
			( new ChangeNotice( $this->state ) )->register();
		}
		add_action(
			'rest_api_init',
			function () {
				if ( Routes::needed() ) {
					( new SecretsController( $this->watch, $this->facts ) )->register_routes();
				}
			}
		);
	}
}
