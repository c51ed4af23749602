/**
 * Placeholder for a screen that a later version will build.
 */
import { Card, CardBody } from '@wordpress/components';
import type { ReactNode } from 'react';

interface ComingSoonProps {
	/** What the screen will show, in a sentence or two. */
	children: ReactNode;
}

export function ComingSoon( { children }: ComingSoonProps ) {
	return (
		<Card className="auth-sentinel-coming-soon">
			<CardBody>{ children }</CardBody>
		</Card>
	);
}
