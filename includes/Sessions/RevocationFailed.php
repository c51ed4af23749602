<?php
/**
 * A revocation that storage did not confirm, in whole or in part.
 *
 * @package AuthSentinel
 */

namespace AuthSentinel\Sessions;

defined( 'ABSPATH' ) || exit;

/**
 * Thrown when a revocation cannot be confirmed where the credentials live. It carries what was
 * ended and what was not, by kind of credential, so that the caller can say so honestly (the
 * REST routes answer 500 with both lists).
 *
 * @since 0.1.0
 */
class RevocationFailed extends \RuntimeException {

	/**
	 * What was ended, by kind: cookie, app_password, wcpos, token, refresh, not_before.
	 *
	 * @var array<string, int>
	 */
	public $ended = array();

	/**
	 * What could not be confirmed ended, by kind.
	 *
	 * @var array<string, int>
	 */
	public $left = array();

	/**
	 * Creates the failure.
	 *
	 * @param string             $message Why.
	 * @param array<string, int> $ended   What was ended.
	 * @param array<string, int> $left    What was not.
	 */
	public function __construct( string $message, array $ended = array(), array $left = array() ) {
		parent::__construct( $message );
		$this->ended = $ended;
		$this->left  = $left;
	}
}
