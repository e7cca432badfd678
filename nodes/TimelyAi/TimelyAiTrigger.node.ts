import type {
	IDataObject,
	IHookFunctions,
	INodeType,
	INodeTypeDescription,
	IWebhookFunctions,
	IWebhookResponseData,
} from 'n8n-workflow';
import { NodeConnectionTypes, NodeOperationError } from 'n8n-workflow';

import { eventList, otherEventsField, resourcePicker, TRIGGER_VERSIONS, triggerWebhook } from '../shared/descriptions';
import { apiRequest } from '../shared/transport';
import { pathSegment } from '../shared/validators';
import { acknowledgeWithoutRun, generateSecret, headerValue, rejectDelivery, secretsEqual } from '../shared/webhookAuth';
import { TIMELY_CREDENTIAL, TIMELY_EVENTS, TIMELY_SECRET_HEADER, timelySpec } from './api';
import { searchAgents } from './listSearch';

interface WebhookEntry {
	url: string;
	events: string[];
	headers?: IDataObject | null;
	is_active?: boolean;
}

function selectedEvents(context: IHookFunctions | IWebhookFunctions): string[] {
	return eventList(context.getNodeParameter('events', []), context.getNodeParameter('customEvents', ''));
}

/** GET or PUT the agent's whole webhook list (PUT replaces it, so every write keeps the rest). */
async function agentWebhooks(this: IHookFunctions, webhooks?: WebhookEntry[]): Promise<WebhookEntry[]> {
	const credentials = await this.getCredentials(TIMELY_CREDENTIAL);
	const agentId = pathSegment(this.getNode(), undefined, 'Agent', this.getNodeParameter('agentId', '', { extractValue: true }));
	const data = (await apiRequest.call(this, timelySpec, TIMELY_CREDENTIAL, String(credentials.baseUrl).replace(/\/+$/, ''), {
		method: webhooks ? 'PUT' : 'GET',
		url: `/v1/agents/${agentId}/webhooks`,
		body: webhooks ? { webhooks: webhooks as unknown as IDataObject[] } : undefined,
	})) as IDataObject;
	return (Array.isArray(data?.webhooks) ? data.webhooks : []) as WebhookEntry[];
}

export class TimelyAiTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Timely AI Trigger',
		name: 'timelyAiTrigger',
		icon: { light: 'file:timelyai.svg', dark: 'file:timelyai.dark.svg' },
		group: ['trigger'],
		version: TRIGGER_VERSIONS,
		subtitle: '={{$parameter["events"].join(", ")}}',
		description: "Starts the workflow on a Timely AI agent's events: conversations started or ended, messages received",
		defaults: { name: 'Timely AI Trigger' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: TIMELY_CREDENTIAL, required: true }],
		webhooks: [triggerWebhook('webhook')],
		properties: [
			{
				displayName:
					"On activation this trigger adds one entry for this workflow to the agent's webhook list (with a secret header it generated) and keeps every other entry; deactivation removes only that entry. Deliveries without the secret get 401 and start nothing. The API key needs the agents:read and agents:write scopes.",
				name: 'notice',
				type: 'notice',
				default: '',
			},
			{ ...resourcePicker('agentId', 'Agent', 'searchAgents'), description: 'Agent whose events start the workflow' },
			{
				displayName: 'Events',
				name: 'events',
				type: 'multiOptions',
				options: TIMELY_EVENTS,
				default: ['conversation.started', 'message.received'],
			},
			otherEventsField('conversation.transferred'),
		],
	};

	methods = { listSearch: { searchAgents } };

	webhookMethods = {
		default: {
			async checkExists(this: IHookFunctions): Promise<boolean> {
				const stored = this.getWorkflowStaticData('node');
				const url = this.getNodeWebhookUrl('default');
				const ours = (await agentWebhooks.call(this)).find((w) => w.url === url);
				// Without our secret (or with other events) the entry must be written again.
				return Boolean(ours && stored.secret && JSON.stringify([...ours.events].sort()) === JSON.stringify(selectedEvents(this).sort()));
			},

			async create(this: IHookFunctions): Promise<boolean> {
				const events = selectedEvents(this);
				if (!events.length) throw new NodeOperationError(this.getNode(), 'Choose at least one event under Events');
				const url = this.getNodeWebhookUrl('default') as string;
				const stored = this.getWorkflowStaticData('node');
				const secret = typeof stored.secret === 'string' ? stored.secret : generateSecret();
				const others = (await agentWebhooks.call(this)).filter((w) => w.url !== url);
				await agentWebhooks.call(this, [...others, { url, events, headers: { [TIMELY_SECRET_HEADER]: secret }, is_active: true }]);
				stored.secret = secret;
				return true;
			},

			async delete(this: IHookFunctions): Promise<boolean> {
				const url = this.getNodeWebhookUrl('default');
				const current = await agentWebhooks.call(this);
				const remaining = current.filter((w) => w.url !== url);
				if (remaining.length !== current.length) await agentWebhooks.call(this, remaining);
				delete this.getWorkflowStaticData('node').secret;
				return true;
			},
		},
	};

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		const { secret } = this.getWorkflowStaticData('node');
		if (typeof secret !== 'string' || !secretsEqual(headerValue(this, TIMELY_SECRET_HEADER), secret)) {
			return rejectDelivery(this, 401, `missing or wrong ${TIMELY_SECRET_HEADER}`);
		}
		const body = this.getBodyData() as IDataObject;
		const event = String(body?.event ?? body?.type ?? '');
		if (!event) return rejectDelivery(this, 400, 'body has no event');
		if (!selectedEvents(this).includes(event)) return acknowledgeWithoutRun(this, `event "${event}" is not selected`);
		return { workflowData: [[{ json: { ...body, event } }]] };
	}
}
