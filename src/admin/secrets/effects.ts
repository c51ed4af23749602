/**
 * Words for what a change of a secret does, in three forms: the general
 * explanation, the clause of the headline and the outcome in the history.
 */
import { __ } from '@wordpress/i18n';

import type { ChangeEffect } from './known-secrets';

/**
 * Explains what changing this kind of secret does.
 *
 * @param effect The effect.
 * @return One or two sentences.
 */
export function effectExplanation( effect: ChangeEffect ): string {
	switch ( effect ) {
		case 'sign-out':
			return __(
				'Changing the AUTH, SECURE_AUTH or LOGGED_IN keys and salts signs everyone out: every login cookie stops working and people must sign in again.',
				'auth-sentinel'
			);
		case 'nonces':
			return __(
				'Changing NONCE_KEY or NONCE_SALT invalidates forms that are open and REST nonces: people may have to reload the page and submit again.',
				'auth-sentinel'
			);
		case 'tokens':
			return __(
				'Changing a token signing secret invalidates every token issued with it: apps such as the POS show “token invalid” and their users must sign in again.',
				'auth-sentinel'
			);
		case 'issuer':
			return __(
				'Changing siteurl or home makes existing tokens look as if another site issued them, so they are rejected and apps must sign in again.',
				'auth-sentinel'
			);
	}
}

/**
 * Says what a change did, as the end of the headline sentence.
 *
 * @param effect The effect.
 * @return A lower-case clause.
 */
export function effectClause( effect: ChangeEffect ): string {
	switch ( effect ) {
		case 'sign-out':
			return __( 'everyone was signed out', 'auth-sentinel' );
		case 'nonces':
			return __(
				'open forms and REST nonces stopped working',
				'auth-sentinel'
			);
		case 'tokens':
			return __(
				'tokens signed with the old value stopped working',
				'auth-sentinel'
			);
		case 'issuer':
			return __(
				'tokens issued before now look as if another site issued them',
				'auth-sentinel'
			);
	}
}

/**
 * Says what a change did, as a sentence of the history.
 *
 * @param effect The effect.
 * @return A sentence.
 */
export function effectOutcome( effect: ChangeEffect ): string {
	switch ( effect ) {
		case 'sign-out':
			return __( 'Everyone was signed out.', 'auth-sentinel' );
		case 'nonces':
			return __(
				'Open forms and REST nonces stopped working.',
				'auth-sentinel'
			);
		case 'tokens':
			return __(
				'Tokens signed with the old value stopped working.',
				'auth-sentinel'
			);
		case 'issuer':
			return __(
				'Tokens issued before the change look as if another site issued them.',
				'auth-sentinel'
			);
	}
}
