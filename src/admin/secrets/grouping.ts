/**
 * Sorts the secrets into the sections of the table.
 */
import type { Secret, SecretGroup } from '../data/secrets/types';
import { GROUP_ORDER, compareNames } from './known-secrets';

export interface SecretSection {
	group: SecretGroup;
	secrets: Secret[];
}

/**
 * Groups secrets by family, in display order, leaving out empty groups.
 *
 * @param secrets Secrets from the REST API.
 * @return One section per group that has secrets.
 */
export function groupSecrets( secrets: readonly Secret[] ): SecretSection[] {
	return GROUP_ORDER.map( ( group ) => ( {
		group,
		secrets: secrets
			.filter( ( secret ) => secret.group === group )
			.sort( ( a, b ) => compareNames( a.name, b.name ) ),
	} ) ).filter( ( section ) => section.secrets.length > 0 );
}
