/**
 * The headline of the Secrets screen: problems, latest change, last check.
 */
import { Button, Card, CardBody } from '@wordpress/components';
import { __ } from '@wordpress/i18n';

import { RelativeDate } from '../components/relative-date';
import type { SecretsResponse } from '../data/secrets/types';
import {
	countProblems,
	latestChangeHeadline,
	problemsHeadline,
} from './summary';

interface SecretsSummaryProps {
	report: SecretsResponse;
	now: Date;
	isReloading: boolean;
	onReload: () => void;
}

export function SecretsSummary( {
	report,
	now,
	isReloading,
	onReload,
}: SecretsSummaryProps ) {
	const hasProblems = countProblems( report.secrets ) > 0;
	return (
		<Card className="auth-sentinel-summary">
			<CardBody>
				<p
					className={
						hasProblems
							? 'auth-sentinel-summary__problems has-problems'
							: 'auth-sentinel-summary__problems'
					}
				>
					{ problemsHeadline( report.secrets ) }
				</p>
				<p className="auth-sentinel-summary__latest">
					{ latestChangeHeadline(
						report.history,
						report.secrets,
						now
					) }
				</p>
				<div className="auth-sentinel-summary__meta">
					{ report.checked_at && (
						<span>
							{ __( 'Last checked:', 'auth-sentinel' ) }{ ' ' }
							<RelativeDate
								date={ report.checked_at }
								now={ now }
							/>
						</span>
					) }
					<Button
						variant="secondary"
						size="compact"
						onClick={ onReload }
						isBusy={ isReloading }
						disabled={ isReloading }
						accessibleWhenDisabled
					>
						{ __( 'Reload', 'auth-sentinel' ) }
					</Button>
				</div>
			</CardBody>
		</Card>
	);
}
