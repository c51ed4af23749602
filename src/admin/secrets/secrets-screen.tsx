/**
 * The Secrets screen: keys, salts, token secrets and site address — their
 * strength, where they are set, advice, and the history of changes.
 */
import { __ } from '@wordpress/i18n';

import { LoadError } from '../components/load-error';
import { Loading } from '../components/loading';
import { useSecrets } from '../data/secrets/use-secrets';
import { useNow } from '../utils/use-now';
import { SecretsAdvice } from './secrets-advice';
import { SecretsHistory } from './secrets-history';
import { SecretsSummary } from './secrets-summary';
import { SecretsTable } from './secrets-table';

const IDS = {
	secrets: 'auth-sentinel-secrets-heading',
	advice: 'auth-sentinel-advice-heading',
	history: 'auth-sentinel-history-heading',
};

export function SecretsScreen() {
	const { data, error, isLoading, reload } = useSecrets();
	const now = useNow();

	if ( ! data ) {
		if ( error ) {
			return <LoadError message={ error } onRetry={ reload } />;
		}
		return <Loading label={ __( 'Loading secrets…', 'auth-sentinel' ) } />;
	}

	return (
		<div className="auth-sentinel-secrets">
			{ error && <LoadError message={ error } onRetry={ reload } /> }
			<SecretsSummary
				report={ data }
				now={ now }
				isReloading={ isLoading }
				onReload={ reload }
			/>
			<section aria-labelledby={ IDS.secrets }>
				<h2 id={ IDS.secrets }>
					{ __( 'Watched secrets', 'auth-sentinel' ) }
				</h2>
				<p>
					{ __(
						'Values are never sent to this screen: it shows only where each secret is set, how strong it is and when it last changed.',
						'auth-sentinel'
					) }
				</p>
				<SecretsTable
					secrets={ data.secrets }
					now={ now }
					labelledBy={ IDS.secrets }
				/>
			</section>
			<section aria-labelledby={ IDS.advice }>
				<h2 id={ IDS.advice }>{ __( 'Advice', 'auth-sentinel' ) }</h2>
				<SecretsAdvice secrets={ data.secrets } />
			</section>
			<section aria-labelledby={ IDS.history }>
				<h2 id={ IDS.history }>
					{ __( 'Change history', 'auth-sentinel' ) }
				</h2>
				<SecretsHistory history={ data.history } now={ now } />
			</section>
		</div>
	);
}
