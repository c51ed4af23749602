<?php
/**
 * Wires the error catalog.
 *
 * @package AuthSentinel
 */

namespace AuthSentinel\Catalog;

use AuthSentinel\Rest\Routes;

defined( 'ABSPATH' ) || exit;

/**
 * Holds the one catalog of the request and registers its REST routes.
 *
 * @since 0.1.0
 */
class CatalogModule {

	/**
	 * The shared catalog.
	 *
	 * @var Catalog
	 */
	private $catalog;

	/**
	 * Creates the module. Reads nothing yet: the catalog loads on first use.
	 *
	 * @param Catalog|null $catalog The catalog; the bundled one by default.
	 */
	public function __construct( ?Catalog $catalog = null ) {
		$this->catalog = $catalog ?? new Catalog();
	}

	/**
	 * Returns the shared catalog, for the modules that file events under its entries.
	 *
	 * @return Catalog
	 */
	public function catalog(): Catalog {
		return $this->catalog;
	}

	/**
	 * Hooks the routes.
	 *
	 * @return void
	 */
	public function register(): void {
		add_action(
			'rest_api_init',
			function () {
				if ( Routes::needed() ) {
					( new CatalogController( $this->catalog ) )->register_routes();
				}
			}
		);
	}
}
