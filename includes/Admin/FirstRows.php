<?php
/**
 * The first rows of a table screen, printed by the server.
 *
 * @package AuthSentinel
 */

namespace AuthSentinel\Admin;

defined( 'ABSPATH' ) || exit;

/**
 * Writes the first page of the Errors, Sessions and Audit tables as HTML, from the answers the
 * page preloads for the admin app (Preloader::PATHS), so that the rows show before the
 * scripts have run, as core's list tables do. The cells say what the app's cells say (same
 * labels, same dates: FirstRowsColumns), in DataViews' table classes, without links or buttons:
 * the app replaces the block with its own table once that has its rows (src/admin/first-rows.ts).
 *
 * @since 0.1.0
 */
final class FirstRows {

	/**
	 * Writes the block of a screen: heading, screen tabs, count and table.
	 *
	 * @param string                                                      $screen    The screen.
	 * @param array<string, mixed>                                        $preloaded The preloaded answers, by path: the table's is enough.
	 * @param array<int, array{slug: string, title: string, url: string}> $screens The screen tabs.
	 * @return string HTML, or '' for a screen without a table or without its answer.
	 */
	public static function html( string $screen, array $preloaded, array $screens ): string {
		$answer = self::answer( $screen, $preloaded );
		if ( null === $answer ) {
			return '';
		}
		$rows = $answer['body'];
		$now  = time();
		switch ( $screen ) {
			case 'errors':
				$titles  = FirstRowsColumns::catalog_titles( $rows );
				$columns = FirstRowsColumns::events( $titles, $now );
				/* translators: %s: number of failures. */
				$count = _n( '%s failure matches.', '%s failures match.', $answer['total'], 'auth-sentinel' );
				/* translators: %s: a number (10,000): more match than were counted. */
				$more = __( 'More than %s failures match: narrow the filters to count them.', 'auth-sentinel' );
				break;
			case 'sessions':
				$columns = FirstRowsColumns::sessions( $now );
				/* translators: %s: number of sessions. */
				$count = _n( '%s session matches.', '%s sessions match.', $answer['total'], 'auth-sentinel' );
				/* translators: %s: a number (10,000): more match than were counted. */
				$more = __( 'More than %s sessions match: narrow the filters to count them.', 'auth-sentinel' );
				break;
			default:
				$columns = FirstRowsColumns::audit( $now );
				/* translators: %s: number of audit log entries. */
				$count = _n( '%s entry matches.', '%s entries match.', $answer['total'], 'auth-sentinel' );
				/* translators: %s: a number (10,000): more match than were counted. */
				$more = __( 'More than %s entries match: narrow the filters to count them.', 'auth-sentinel' );
				break;
		}
		$title = '';
		foreach ( $screens as $link ) {
			$title = $link['slug'] === $screen ? $link['title'] : $title;
		}

		$html  = '<div class="auth-sentinel auth-sentinel-first-rows" data-auth-sentinel-first-rows aria-busy="true">';
		$html .= '<h1>' . esc_html(
			sprintf(
				/* translators: %s: title of the current screen, e.g. "Secrets". */
				__( 'Auth Sentinel — %s', 'auth-sentinel' ),
				$title
			)
		) . '</h1>';
		$html .= self::nav( $screen, $screens );
		$html .= '<div class="auth-sentinel-screen"><div class="auth-sentinel-' . esc_attr( $screen ) . '">';
		if ( 'sessions' === $screen ) {
			// The intro and, drawn only, the button the app puts beside it.
			$html .= '<div class="auth-sentinel-toolbar"><p class="auth-sentinel-intro">' . esc_html__( 'Everyone who can use this site right now: browser sign-ins, application passwords and app sessions.', 'auth-sentinel' ) . '</p>';
			$html .= '<span class="components-button is-next-40px-default-size is-secondary is-destructive" aria-hidden="true">' . esc_html__( 'Revoke everyone’s sessions…', 'auth-sentinel' ) . '</span></div>';
		}
		$html .= 'audit' === $screen ? '<div class="auth-sentinel-toolbar">' : '';
		$html .= '<p class="auth-sentinel-count">' . esc_html( sprintf( $answer['more'] ? $more : $count, number_format_i18n( $answer['total'] ) ) ) . '</p>';
		if ( 'audit' === $screen ) {
			// Drawn only: the app's export button.
			$html .= '<span class="components-button is-next-40px-default-size is-secondary" aria-hidden="true">' . esc_html__( 'Export CSV', 'auth-sentinel' ) . '</span></div>';
		}
		$html .= '<div class="dataviews-wrapper"><div class="auth-sentinel-first-rows__toolbar"></div>';
		$html .= '<div class="dataviews-view-table-wrapper"><table class="dataviews-view-table"><thead><tr class="dataviews-view-table__row">';
		if ( 'sessions' === $screen ) {
			// Where the app has its selection checkboxes.
			$html .= '<th class="dataviews-view-table__checkbox-column"></th>';
		}
		foreach ( array_keys( $columns ) as $label ) {
			$html .= '<th><span class="dataviews-view-table-header">' . esc_html( $label ) . '</span></th>';
		}
		$html .= '<th class="dataviews-view-table__actions-column"><span class="dataviews-view-table-header">' . esc_html__( 'Actions', 'auth-sentinel' ) . '</span></th>';
		$html .= '</tr></thead><tbody>';
		foreach ( $rows as $row ) {
			if ( ! is_array( $row ) ) {
				continue;
			}
			$html .= '<tr class="dataviews-view-table__row">';
			if ( 'sessions' === $screen ) {
				$html .= '<td class="dataviews-view-table__checkbox-column"></td>';
			}
			foreach ( $columns as $cell ) {
				$html .= '<td><div class="dataviews-view-table__cell-content-wrapper">' . $cell( $row ) . '</div></td>';
			}
			$html .= '<td class="dataviews-view-table__actions-column"></td></tr>';
		}
		return $html . '</tbody></table></div></div></div></div></div>';
	}

	/**
	 * Finds the preloaded answer a screen's table shows first.
	 *
	 * @param string               $screen    The screen.
	 * @param array<string, mixed> $preloaded The preloaded answers, by path.
	 * @return array{body: array<int, mixed>, total: int, more: bool}|null Null when there is none,
	 *         or when it has no rows (the app then shows its empty state).
	 */
	private static function answer( string $screen, array $preloaded ): ?array {
		$prefix = array(
			'errors'   => '/auth-sentinel/v1/events?',
			'sessions' => '/auth-sentinel/v1/sessions?',
			'audit'    => '/auth-sentinel/v1/audit?',
		);
		if ( ! isset( $prefix[ $screen ] ) ) {
			return null;
		}
		foreach ( $preloaded as $path => $answer ) {
			if ( 0 !== strpos( (string) $path, $prefix[ $screen ] ) || ! is_array( $answer ) ) {
				continue;
			}
			$body    = $answer['body'] ?? null;
			$headers = is_array( $answer['headers'] ?? null ) ? $answer['headers'] : array();
			if ( ! is_array( $body ) || array() === $body || array_values( $body ) !== $body ) {
				return null;
			}
			return array(
				'body'  => $body,
				'total' => (int) ( $headers['X-WP-Total'] ?? count( $body ) ),
				'more'  => isset( $headers['X-Auth-Sentinel-Total-Bound'] ),
			);
		}
		return null;
	}

	/**
	 * Writes the screen tabs as the app's ScreenNav does.
	 *
	 * @param string                                                      $screen  The current screen.
	 * @param array<int, array{slug: string, title: string, url: string}> $screens The screens.
	 * @return string
	 */
	private static function nav( string $screen, array $screens ): string {
		$html = '<nav class="nav-tab-wrapper auth-sentinel-nav" aria-label="' . esc_attr__( 'Auth Sentinel screens', 'auth-sentinel' ) . '">';
		foreach ( $screens as $link ) {
			$current = $link['slug'] === $screen;
			$html   .= '<a href="' . esc_url( $link['url'] ) . '" class="nav-tab' . ( $current ? ' nav-tab-active' : '' ) . '"' . ( $current ? ' aria-current="page"' : '' ) . '>' . esc_html( $link['title'] ) . '</a>';
		}
		return $html . '</nav>';
	}
}
