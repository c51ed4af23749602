/**
 * The kinds of credential a failure can come from.
 */
import { __ } from '@wordpress/i18n';

import type { FailureSource } from '../data/events/types';

/**
 * Names a source.
 *
 * @param source Source code from the REST API.
 * @return For example "Login cookie".
 */
export function sourceLabel( source: FailureSource ): string {
	switch ( source ) {
		case 'cookie':
			return __( 'Login cookie', 'auth-sentinel' );
		case 'login_form':
			return __( 'Login form', 'auth-sentinel' );
		case 'xmlrpc':
			return __( 'XML-RPC', 'auth-sentinel' );
		case 'application_password':
			return __( 'Application password', 'auth-sentinel' );
		case 'rest_nonce':
			return __( 'REST nonce', 'auth-sentinel' );
		case 'token':
			return __( 'Token (JWT)', 'auth-sentinel' );
		case 'token_login':
			return __( 'App sign-in', 'auth-sentinel' );
		case 'rest':
			return __( 'REST API', 'auth-sentinel' );
	}
}
