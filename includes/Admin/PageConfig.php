<?php
/**
 * The configuration the admin app reads, with the plugin's vocabularies.
 *
 * @package AuthSentinel
 */

namespace AuthSentinel\Admin;

use AuthSentinel\Vocabulary\AuditAction;
use AuthSentinel\Vocabulary\Cause;
use AuthSentinel\Vocabulary\SessionType;
use AuthSentinel\Vocabulary\Source;

defined( 'ABSPATH' ) || exit;

/**
 * Builds `window.authSentinel`, which AdminPages prints before the screen's script: the screen,
 * its tabs, the REST details, the roles, the network's sites in the Network Admin and the
 * vocabularies the app names things with (causes, audit actions, session types, sources).
 *
 * @since 0.1.0
 */
final class PageConfig {

	/**
	 * Builds the configuration the admin app reads as `window.authSentinel` (src/admin/config.ts).
	 *
	 * @param string                                   $screen The current screen.
	 * @param array<int, array{id: int, name: string}> $sites  In the Network Admin, the network's sites.
	 * @return array<string, mixed>
	 */
	public static function build( string $screen, array $sites ): array {
		$screens = array();
		foreach ( AdminPages::titles() as $key => $title ) {
			$screens[] = array(
				'slug'  => $key,
				'title' => $title,
				'url'   => AdminPages::url( $key ),
			);
		}
		$roles = array();
		foreach ( wp_roles()->get_names() as $role => $name ) {
			$roles[ $role ] = translate_user_role( $name );
		}
		return array(
			'screen'        => $screen,
			'screens'       => $screens,
			'restNamespace' => 'auth-sentinel/v1',
			'version'       => AUTH_SENTINEL_VERSION,
			// For requests outside apiFetch, such as the audit log's CSV export form.
			'restRoot'      => esc_url_raw( rest_url() ),
			'restNonce'     => wp_create_nonce( 'wp_rest' ),
			// Role => translated name, for the per-role session limits.
			'roles'         => (object) $roles,
			'currentUser'   => get_current_user_id(),
			// In the Network Admin: the screens show one site's data, chosen among these.
			'network'       => is_network_admin(),
			'sites'         => $sites,
			'mainSite'      => is_multisite() ? get_main_site_id() : 0,
			// On a site of a network: that site, and whether the user runs the whole network
			// (then "revoke everyone" there may mean this site's members or every user).
			'currentSite'   => is_multisite() ? array(
				'id'   => get_current_blog_id(),
				'name' => get_bloginfo( 'name' ),
			) : null,
			'networkAdmin'  => is_multisite() && is_super_admin(),
			// Causes, audit actions, session types and failure sources, named (src/admin/data/vocabulary.ts).
			'vocabularies'  => self::vocabularies(),
		);
	}

	/**
	 * Lists the values of each vocabulary the admin app shows, with their translated names, in
	 * display order; the causes also with the tone of their badge.
	 *
	 * @return array<string, array<int, array{value: string, label: string, tone?: string}>> Vocabulary => terms.
	 */
	public static function vocabularies(): array {
		$terms  = static function ( array $values, array $labels ): array {
			return array_map(
				static function ( string $value ) use ( $labels ): array {
					return array(
						'value' => $value,
						'label' => $labels[ $value ] ?? $value,
					);
				},
				$values
			);
		};
		$tones  = Cause::tones();
		$causes = array_map(
			static function ( array $term ) use ( $tones ): array {
				return $term + array( 'tone' => $tones[ $term['value'] ] ?? 'info' );
			},
			$terms( Cause::VALUES, Cause::labels() )
		);
		return array(
			'causes'       => $causes,
			'auditActions' => $terms( AuditAction::VALUES, AuditAction::labels() ),
			'sessionTypes' => $terms( SessionType::VALUES, SessionType::labels() ),
			'sources'      => $terms( Source::VALUES, Source::labels() ),
		);
	}

	/**
	 * Lists the network's sites for the Network Admin's site filter.
	 *
	 * @return array<int, array{id: int, name: string}>
	 */
	public static function sites(): array {
		$sites = array();
		foreach ( get_sites( array( 'number' => 500 ) ) as $site ) {
			$name    = (string) get_blog_option( (int) $site->blog_id, 'blogname' );
			$sites[] = array(
				'id'   => (int) $site->blog_id,
				'name' => '' !== $name ? $name : $site->domain . $site->path,
			);
		}
		return $sites;
	}

	/**
	 * Works out the site a Network Admin page shows, as the admin app does (src/admin/network/site-scope.ts):
	 * the page's `site` argument when it names a site of the list, else the main site.
	 *
	 * @param array<int, array{id: int, name: string}> $sites The network's sites.
	 * @return int
	 */
	public static function site_shown( array $sites ): int {
		// phpcs:ignore WordPress.Security.NonceVerification.Recommended -- Reading which site to show changes nothing.
		$asked = isset( $_GET['site'] ) ? absint( $_GET['site'] ) : 0;
		return in_array( $asked, array_column( $sites, 'id' ), true ) ? $asked : (int) get_main_site_id();
	}
}
