import type { INode } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

/**
 * How deeply an answer may nest. The documented answers are under 10 levels deep; n8n cannot
 * store data much deeper than about 4,000 levels (JSON.stringify and n8n's deepCopy run out of
 * stack there, measured on Node 20 and 24), and then the whole execution is lost.
 */
export const MAX_ANSWER_DEPTH = 1000;

/** Whether `value` nests objects or arrays deeper than `limit`; walks with its own stack, so it cannot overflow. */
export function nestsDeeperThan(value: unknown, limit: number): boolean {
	const values: unknown[] = [value];
	const depths: number[] = [0];
	while (values.length) {
		const current = values.pop();
		const depth = depths.pop()!;
		if (current === null || typeof current !== 'object' || ArrayBuffer.isView(current)) continue;
		if (depth >= limit) return true;
		for (const child of Array.isArray(current) ? current : Object.values(current)) {
			if (child !== null && typeof child === 'object') {
				values.push(child);
				depths.push(depth + 1);
			}
		}
	}
	return false;
}

/** Refuses an answer n8n could not store, before it reaches the items. */
export function checkAnswerDepth(node: INode, provider: string, value: unknown, itemIndex?: number): void {
	if (!nestsDeeperThan(value, MAX_ANSWER_DEPTH)) return;
	throw new NodeApiError(node, { depth: `more than ${MAX_ANSWER_DEPTH}` }, {
		message: `${provider} answered with data nested more than ${MAX_ANSWER_DEPTH} levels deep`,
		description: `n8n could not store an execution holding it, so the answer was not passed on. The documented answers are a few levels deep: check what ${provider} returns for this request.`,
		itemIndex,
	});
}

/** The keys of an answer, for messages that say what was received instead of what was documented. */
export function describeShape(body: unknown): string {
	if (Array.isArray(body)) return 'a bare array';
	if (body === null || typeof body !== 'object') return `${body === null ? 'null' : typeof body}`;
	const keys = Object.keys(body);
	if (!keys.length) return 'an empty object';
	const shown = keys.slice(0, 10).map((key) => JSON.stringify(key.slice(0, 40)));
	return `an object with the keys ${shown.join(', ')}${keys.length > 10 ? ` and ${keys.length - 10} more` : ''}`;
}
