import type { IDataObject, IExecuteSingleFunctions, IHttpRequestOptions, INodeProperties } from 'n8n-workflow';

import { eventList, otherEventsField, returnAllAndLimit } from '../../shared/descriptions';
import { operation, operationsOf } from '../../shared/routing';
import { routedRequest } from '../../shared/transport';
import { inputError } from '../../shared/validators';
import { CONVO_EVENTS, CONVO_PAGE_SIZE, convoSpec } from '../api';

const show = { resource: ['webhook'] };

async function subscribeBody(this: IExecuteSingleFunctions, options: IHttpRequestOptions) {
	const url = String(this.getNodeParameter('url', '')).trim();
	// The document states no scheme rule; whether Convo delivers to the URL is its answer to give.
	if (!/^https?:\/\/\S+$/i.test(url)) throw inputError(this.getNode(), this.getItemIndex(), 'URL', `must be an http(s) URL (got "${url}")`);
	const events = eventList(this.getNodeParameter('events', []), this.getNodeParameter('customEvents', ''));
	if (!events.length) throw inputError(this.getNode(), this.getItemIndex(), 'Events', 'must include at least one event');
	options.body = { type: 'WEBHOOK', url, events } as IDataObject;
	return options;
}

export const webhookOperations = operationsOf('webhook', 'getAll', [
	operation(convoSpec, {
		name: 'Get Many',
		value: 'getAll',
		action: 'Get many webhooks',
		description: 'List webhook subscriptions (and, optionally, the other integrations)',
		method: 'GET',
		url: '/integrations',
		execute: routedRequest(convoSpec, {
			paging: { type: 'single' },
			select(record: IDataObject) {
				return record.type === 'WEBHOOK' || !(this.getNodeParameter('webhooksOnly', true) as boolean);
			},
		}),
	}),
	operation(convoSpec, {
		name: 'Subscribe',
		value: 'subscribe',
		action: 'Subscribe a URL to events',
		description: 'Register a webhook; the response holds the signing secret, shown only this once',
		method: 'POST',
		url: '/integrations/webhook',
		preSend: [subscribeBody],
	}),
]);

export const webhookFields: INodeProperties[] = [
	{
		displayName: 'To receive events in n8n, use the Convo Trigger node: it subscribes and verifies signatures for you',
		name: 'triggerNotice',
		type: 'notice',
		default: '',
		displayOptions: { show: { ...show, operation: ['subscribe'] } },
	},
	{
		displayName: 'URL',
		name: 'url',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'https://hooks.example.com/avelto',
		description: 'HTTPS address that receives the signed events',
		displayOptions: { show: { ...show, operation: ['subscribe'] } },
	},
	{
		displayName: 'Events',
		name: 'events',
		type: 'multiOptions',
		options: CONVO_EVENTS,
		default: ['lead.created'],
		displayOptions: { show: { ...show, operation: ['subscribe'] } },
	},
	{ ...otherEventsField('conversation.opened, message.created'), displayOptions: { show: { ...show, operation: ['subscribe'] } } },
	{
		displayName: 'Webhooks Only',
		name: 'webhooksOnly',
		type: 'boolean',
		default: true,
		description: 'Whether to leave out integrations that are not webhooks',
		displayOptions: { show: { ...show, operation: ['getAll'] } },
	},
	...returnAllAndLimit({ ...show, operation: ['getAll'] }, CONVO_PAGE_SIZE),
];
