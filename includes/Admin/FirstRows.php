<?php
/**
 * The first rows of a table screen, printed by the server.
 *
 * @package AuthSentinel
 */

namespace AuthSentinel\Admin;

use AuthSentinel\Catalog\Catalog;
use AuthSentinel\Vocabulary\AuditAction;
use AuthSentinel\Vocabulary\Cause;
use AuthSentinel\Vocabulary\SessionType;
use AuthSentinel\Vocabulary\Source;

defined( 'ABSPATH' ) || exit;

/**
 * Writes the first page of the Errors, Sessions and Audit tables as HTML, from the answers the
 * page preloads for the admin app (Preloader::PATHS), so that the rows show before the
 * scripts have run, as core's list tables do. The cells say what the app's cells say (same
 * labels, same dates), in DataViews' table classes, without links or buttons: the app replaces
 * the block with its own table once that has its rows (src/admin/first-rows.ts).
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
				$titles  = self::catalog_titles( $rows );
				$columns = self::event_columns( $titles, $now );
				/* translators: %s: number of failures. */
				$count = _n( '%s failure matches.', '%s failures match.', $answer['total'], 'auth-sentinel' );
				/* translators: %s: a number (10,000): more match than were counted. */
				$more = __( 'More than %s failures match: narrow the filters to count them.', 'auth-sentinel' );
				break;
			case 'sessions':
				$columns = self::session_columns( $now );
				/* translators: %s: number of sessions. */
				$count = _n( '%s session matches.', '%s sessions match.', $answer['total'], 'auth-sentinel' );
				/* translators: %s: a number (10,000): more match than were counted. */
				$more = __( 'More than %s sessions match: narrow the filters to count them.', 'auth-sentinel' );
				break;
			default:
				$columns = self::audit_columns( $now );
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
	 * Reads the titles of the rows' catalog entries, translated, as the catalog's REST answer
	 * gives them to the app: from the catalog itself, so that the rows need not wait for that
	 * answer (AdminPages::render() preloads it after them).
	 *
	 * @param array<int, mixed> $rows The failures.
	 * @return array<string, string> Code => title.
	 */
	private static function catalog_titles( array $rows ): array {
		$catalog = new Catalog();
		$titles  = array();
		foreach ( $rows as $row ) {
			$code  = is_array( $row ) ? self::text( $row, 'code' ) : '';
			$entry = '' === $code || isset( $titles[ $code ] ) ? null : $catalog->get( $code );
			// The app matches the code exactly; the catalog also in any case.
			if ( null !== $entry && $code === $entry['code'] ) {
				$titles[ $code ] = (string) $catalog->localize( $entry )['title'];
			}
		}
		return $titles;
	}

	/**
	 * Returns the Errors table's columns in the default view's order (src/admin/errors/query.ts).
	 *
	 * @param array<string, string> $titles Catalog titles by code.
	 * @param int                   $now    The current Unix time.
	 * @return array<string, callable(array<string, mixed>): string> Label => cell.
	 */
	private static function event_columns( array $titles, int $now ): array {
		return array(
			__( 'Last seen', 'auth-sentinel' )     => static function ( array $row ) use ( $now ): string {
				return self::when( $row['last_seen'] ?? null, $now, 'auth-sentinel-when', true );
			},
			__( 'Cause', 'auth-sentinel' )         => static function ( array $row ): string {
				$cause = self::text( $row, 'cause' );
				$tone  = Cause::tones()[ $cause ] ?? 'info';
				return '<span class="auth-sentinel-badge auth-sentinel-badge--' . esc_attr( $tone ) . '">' . esc_html( Cause::label( $cause ) ) . '</span>';
			},
			__( 'Catalog entry', 'auth-sentinel' ) => static function ( array $row ) use ( $titles ): string {
				$code  = self::text( $row, 'code' );
				$label = $titles[ $code ] ?? ( '' !== $code ? $code : self::text( $row, 'server_code' ) );
				$html  = '<span class="auth-sentinel-entry"><span class="auth-sentinel-first-rows__link">' . esc_html( '' !== $label ? $label : __( 'Unknown error', 'auth-sentinel' ) ) . '</span>';
				if ( '' !== $code && $code !== $label ) {
					$html .= '<code class="auth-sentinel-muted">' . esc_html( $code ) . '</code>';
				}
				return $html . '</span>';
			},
			__( 'User', 'auth-sentinel' )          => static function ( array $row ): string {
				if ( ! empty( $row['overflow'] ) ) {
					$count = (int) ( $row['count'] ?? 0 );
					/* translators: %s: number of failures. */
					$label = _n( 'Summary of %s failure past the storage cap', 'Summary of %s failures past the storage cap', $count, 'auth-sentinel' );
					return '<span class="auth-sentinel-overflow">' . esc_html( sprintf( $label, number_format_i18n( $count ) ) ) . '</span>';
				}
				$user = is_array( $row['user'] ?? null ) ? $row['user'] : null;
				$name = self::user_name( $user, 'display_name', (int) ( $row['user_id'] ?? 0 ), __( 'Unknown user', 'auth-sentinel' ) );
				return null !== $user && ! empty( $user['edit_url'] )
					? '<span class="auth-sentinel-first-rows__link">' . esc_html( $name ) . '</span>'
					: '<span class="auth-sentinel-muted">' . esc_html( $name ) . '</span>';
			},
			__( 'Client app', 'auth-sentinel' )    => static function ( array $row ): string {
				$client = self::text( $row, 'client' );
				if ( ! empty( $row['overflow'] ) ) {
					// A summary row's estimates of credentials and networks are the app's to word.
					return '';
				}
				if ( '' === $client ) {
					return '<span class="auth-sentinel-muted">' . esc_html__( 'Unknown app', 'auth-sentinel' ) . '</span>';
				}
				return '<span title="' . esc_attr( self::text( $row, 'user_agent' ) ) . '">' . esc_html( $client ) . '</span>';
			},
			__( 'Source', 'auth-sentinel' )        => static function ( array $row ): string {
				$source = self::text( $row, 'source' );
				return esc_html( Source::labels()[ $source ] ?? $source );
			},
			__( 'Count', 'auth-sentinel' )         => static function ( array $row ): string {
				/* translators: %s: how many times a failure happened, e.g. "3". */
				return esc_html( sprintf( __( '×%s', 'auth-sentinel' ), number_format_i18n( (int) ( $row['count'] ?? 0 ) ) ) );
			},
			__( 'IP address', 'auth-sentinel' )    => static function ( array $row ): string {
				return esc_html( self::text( $row, 'ip' ) );
			},
		);
	}

	/**
	 * Returns the Sessions table's columns in the default view's order (src/admin/sessions/query.ts).
	 *
	 * @param int $now The current Unix time.
	 * @return array<string, callable(array<string, mixed>): string> Label => cell.
	 */
	private static function session_columns( int $now ): array {
		return array(
			__( 'User', 'auth-sentinel' )                  => static function ( array $row ): string {
				$user = is_array( $row['user'] ?? null ) ? $row['user'] : null;
				$id   = (int) ( $row['user_id'] ?? 0 );
				$name = self::user_name( $user, 'name', $id, __( 'Unknown user', 'auth-sentinel' ) );
				return '<span class="' . ( $id > 0 ? 'dataviews-view-table__primary-field' : 'auth-sentinel-muted' ) . '">' . esc_html( $name ) . '</span>';
			},
			__( 'Type', 'auth-sentinel' )                  => static function ( array $row ): string {
				$type = self::text( $row, 'type' );
				$tone = 'cookie' === $type ? 'info' : 'ok';
				return '<span class="auth-sentinel-badge auth-sentinel-badge--' . $tone . '">' . esc_html( SessionType::labels()[ $type ] ?? $type ) . '</span>';
			},
			__( 'Client and IP address', 'auth-sentinel' ) => static function ( array $row ): string {
				$html  = '<span class="auth-sentinel-stack">';
				$label = self::text( $row, 'label' );
				$html .= '' !== $label ? '<strong>' . esc_html( $label ) . '</strong>' : '';
				$agent = self::text( $row, 'user_agent' );
				$html .= '<span' . ( '' !== $agent ? ' title="' . esc_attr( $agent ) . '"' : '' ) . '>';
				$html .= esc_html( '' !== self::text( $row, 'client' ) ? self::text( $row, 'client' ) : __( 'Unknown app', 'auth-sentinel' ) ) . '</span>';
				$html .= '' !== self::text( $row, 'ip' ) ? '<span class="auth-sentinel-muted">' . esc_html( self::text( $row, 'ip' ) ) . '</span>' : '';
				if ( ! empty( $row['current'] ) ) {
					$html .= '<span><span class="auth-sentinel-badge auth-sentinel-badge--warning">' . esc_html__( 'This session', 'auth-sentinel' ) . '</span></span>';
				}
				return $html . '</span>';
			},
			__( 'Created', 'auth-sentinel' )               => static function ( array $row ) use ( $now ): string {
				return self::when( $row['created'] ?? null, $now, 'auth-sentinel-stack', true, '' );
			},
			__( 'Last seen', 'auth-sentinel' )             => static function ( array $row ) use ( $now ): string {
				return self::when( $row['last_seen'] ?? null, $now, 'auth-sentinel-stack', true, __( 'Not seen yet', 'auth-sentinel' ) );
			},
			__( 'Expires', 'auth-sentinel' )               => static function ( array $row ) use ( $now ): string {
				return self::when( $row['expires'] ?? null, $now, 'auth-sentinel-stack', true, __( 'Never', 'auth-sentinel' ) );
			},
			__( 'Status', 'auth-sentinel' )                => static function ( array $row ): string {
				// The default view lists active sessions only.
				return 'active' === self::text( $row, 'status' )
					? '<span class="auth-sentinel-badge auth-sentinel-badge--ok">' . esc_html__( 'Active', 'auth-sentinel' ) . '</span>'
					: '';
			},
		);
	}

	/**
	 * Returns the Audit table's columns in the default view's order (src/admin/audit/query.ts).
	 *
	 * @param int $now The current Unix time.
	 * @return array<string, callable(array<string, mixed>): string> Label => cell.
	 */
	private static function audit_columns( int $now ): array {
		$action = static function ( array $row ): string {
			$code = self::text( $row, 'action' );
			return AuditAction::labels()[ $code ] ?? ( '' !== self::text( $row, 'action_label' ) ? self::text( $row, 'action_label' ) : $code );
		};
		return array(
			__( 'When', 'auth-sentinel' )          => static function ( array $row ) use ( $now ): string {
				return self::when( $row['at'] ?? null, $now, 'auth-sentinel-stack', false );
			},
			__( 'Action', 'auth-sentinel' )        => static function ( array $row ) use ( $action ): string {
				return esc_html( $action( $row ) );
			},
			__( 'What happened', 'auth-sentinel' ) => static function ( array $row ) use ( $action ): string {
				$summary = self::text( $row, 'summary' );
				return '<span class="auth-sentinel-first-rows__link">' . esc_html( '' !== $summary ? $summary : $action( $row ) ) . '</span>';
			},
			__( 'By', 'auth-sentinel' )            => static function ( array $row ): string {
				$actor = is_array( $row['actor'] ?? null ) ? $row['actor'] : null;
				return esc_html( self::user_name( $actor, 'name', (int) ( $row['actor_id'] ?? 0 ), __( 'System', 'auth-sentinel' ) ) );
			},
			__( 'User', 'auth-sentinel' )          => static function ( array $row ): string {
				$target = is_array( $row['target'] ?? null ) ? $row['target'] : null;
				return esc_html( self::user_name( $target, 'name', (int) ( $row['target_user_id'] ?? 0 ), '—' ) );
			},
			__( 'IP address', 'auth-sentinel' )    => static function ( array $row ): string {
				return esc_html( self::text( $row, 'ip' ) );
			},
		);
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

	/**
	 * Writes a moment as the app's date cells do: relative and exact, in either order.
	 *
	 * @param mixed  $iso            The REST API's time.
	 * @param int    $now            The current Unix time.
	 * @param string $class_name     The wrapper's class.
	 * @param bool   $relative_first Whether "5 minutes ago" comes first.
	 * @param string $empty          What to write when there is no time.
	 * @return string
	 */
	private static function when( $iso, int $now, string $class_name, bool $relative_first, string $empty = '' ): string {
		$time = SiteDates::parse( $iso );
		if ( null === $time ) {
			return '' === $empty ? '' : '<span class="auth-sentinel-muted">' . esc_html( $empty ) . '</span>';
		}
		$exact    = SiteDates::date_time( $time );
		$relative = '<time datetime="' . esc_attr( (string) $iso ) . '" title="' . esc_attr( $exact ) . '">' . esc_html( SiteDates::relative( $time, $now ) ) . '</time>';
		$html     = '<span class="' . esc_attr( $class_name ) . '">';
		return $html . ( $relative_first
			? $relative . '<span class="auth-sentinel-muted">' . esc_html( $exact ) . '</span>'
			: '<span>' . esc_html( $exact ) . '</span><span class="auth-sentinel-muted">' . $relative . '</span>' ) . '</span>';
	}

	/**
	 * Names a user as the app does: "Display name (login)", the login alone when they are the
	 * same, "User #12" for a user that no longer exists, else `$nobody`.
	 *
	 * @param array<string, mixed>|null $user   The user object of the answer.
	 * @param string                    $key    The key of its display name.
	 * @param int                       $id     The user id.
	 * @param string                    $nobody What to say for no user.
	 * @return string
	 */
	private static function user_name( ?array $user, string $key, int $id, string $nobody ): string {
		if ( null !== $user ) {
			$login = is_string( $user['login'] ?? null ) ? $user['login'] : '';
			$name  = is_string( $user[ $key ] ?? null ) ? $user[ $key ] : '';
			/* translators: 1: display name, 2: login name. */
			return $name === $login ? $login : sprintf( __( '%1$s (%2$s)', 'auth-sentinel' ), $name, $login );
		}
		/* translators: %d: user id. */
		return $id > 0 ? sprintf( __( 'User #%d', 'auth-sentinel' ), $id ) : $nobody;
	}

	/**
	 * Reads a text property of a row.
	 *
	 * @param array<string, mixed> $row The row.
	 * @param string               $key The property.
	 * @return string '' when it is not text.
	 */
	private static function text( array $row, string $key ): string {
		return is_scalar( $row[ $key ] ?? null ) ? (string) $row[ $key ] : '';
	}
}
