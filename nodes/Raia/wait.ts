import type { DeclarativeRestApiSettings, IDataObject, IExecutePaginationFunctions, INodeExecutionData, JsonObject } from 'n8n-workflow';
import { NodeApiError, NodeOperationError, sleep } from 'n8n-workflow';

import { apiRequest, withRetry } from '../shared/transport';
import { answerPathSegment } from '../shared/validators';
import { AGENT_KEY, raiaBaseUrl, raiaSpec } from './api';

/**
 * Sends an async request, then (when "Wait for Response" is on) polls its response-on
 * endpoint until the answer is completed or failed, or the wait limit passes. The output
 * says how many polls it took and how long it waited.
 */
export function sendThenWait(idKey: string, responsePath: (id: string, context: IExecutePaginationFunctions) => string) {
	return async function (this: IExecutePaginationFunctions, requestData: DeclarativeRestApiSettings.ResultOptions): Promise<INodeExecutionData[]> {
		const itemIndex = this.getItemIndex();
		const [created] = await withRetry(this, raiaSpec, 'POST', async () => await this.makeRoutingRequest(requestData), itemIndex, String(requestData.options.baseURL ?? ''));
		const request = created?.json !== null && typeof created?.json === 'object' ? created.json : {};
		const id = request[idKey];
		if (!this.getNodeParameter('waitForResponse', false)) {
			return [{ json: Object.keys(request).length ? request : { success: true }, pairedItem: { item: itemIndex } }];
		}
		if (typeof id !== 'string' && typeof id !== 'number') {
			throw new NodeApiError(this.getNode(), request as JsonObject, {
				message: 'raia accepted the request but sent no ID to wait for',
				description: `The answer had no "${idKey}", so there is nothing to poll. Check the request in raia.`,
				itemIndex,
			});
		}
		const intervalMs = Math.max(0.5, this.getNodeParameter('pollInterval', 2) as number) * 1000;
		const maxWaitMs = Math.max(1, this.getNodeParameter('maxWait', 120) as number) * 1000;
		const credentials = await this.getCredentials(AGENT_KEY);
		// The ID comes from raia's answer: one that would change the endpoint polled is refused.
		answerPathSegment(this.getNode(), 'raia', idKey, id, itemIndex);
		const url = responsePath(String(id), this);
		const started = Date.now();
		for (let polls = 1; ; polls++) {
			await sleep(intervalMs);
			const answer = (await apiRequest.call(this, raiaSpec, AGENT_KEY, raiaBaseUrl(credentials), { method: 'GET', url })) as IDataObject;
			const waitedSeconds = Math.round((Date.now() - started) / 100) / 10;
			if (answer?.status === 'completed') {
				return [{ json: { ...answer, request, polls, waitedSeconds }, pairedItem: { item: itemIndex } }];
			}
			if (answer?.status === 'failed') {
				throw new NodeApiError(this.getNode(), answer as JsonObject, { message: `raia could not answer: ${String(answer.error ?? 'failed')}`, itemIndex });
			}
			if (Date.now() - started + intervalMs > maxWaitMs) {
				throw new NodeOperationError(this.getNode(), `No answer from raia after ${waitedSeconds} s (${polls} checks)`, {
					itemIndex,
					description: `The request is still being processed; read it later with Get Response (${url}), or raise Max Wait.`,
				});
			}
		}
	};
}

/** The fields that switch waiting on and bound it. */
export const waitFields = [
	{ displayName: 'Wait for Response', name: 'waitForResponse', type: 'boolean' as const, default: true, description: 'Whether to poll until the answer is ready and return it, instead of returning the request ID at once' },
	{ displayName: 'Poll Interval (Seconds)', name: 'pollInterval', type: 'number' as const, typeOptions: { minValue: 0.5 }, default: 2, displayOptions: { show: { waitForResponse: [true] } } },
	{ displayName: 'Max Wait (Seconds)', name: 'maxWait', type: 'number' as const, typeOptions: { minValue: 1 }, default: 120, displayOptions: { show: { waitForResponse: [true] } } },
];
