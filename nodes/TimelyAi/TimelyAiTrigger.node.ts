import type {
	IDataObject,
	IHookFunctions,
	INodeType,
	INodeTypeDescription,
	IWebhookFunctions,
	IWebhookResponseData,
} from 'n8n-workflow';
import { NodeApiError, NodeConnectionTypes, NodeOperationError } from 'n8n-workflow';

import { describeShape } from '../shared/answers';
import { eventList, otherEventsField, resourcePicker, TRIGGER_VERSIONS, triggerWebhook } from '../shared/descriptions';
import { apiRequest } from '../shared/transport';
import { pathSegment } from '../shared/validators';
import {
	acceptDelivery,
	acknowledgeWithoutRun,
	deliveryId,
	deriveWebhookSecret,
	DUPLICATES_NOTICE,
	headerValue,
	ignoreDuplicatesField,
	matchesVerifier,
	rawBodyOf,
	rejectDelivery,
	secretVerifier,
	webhookIdentity,
} from '../shared/webhookAuth';
import { TIMELY_CREDENTIAL, TIMELY_EVENTS, TIMELY_SECRET_HEADER, timelySpec } from './api';
import { searchAgents } from './listSearch';

interface WebhookEntry {
	url: string;
	events: string[];
	headers?: IDataObject | null;
	is_active?: boolean;
}

interface Registration {
	/** A one-way hash of the secret header Timely AI sends; the secret itself is derived, never stored. */
	secretVerifier?: string;
	/** Before 0.2: the secret in plain text; replaced by its verifier on first use. */
	secret?: string;
}

/** Replaces a plain secret left by an older version with its verifier. */
function migrate(stored: Registration): Registration {
	if (typeof stored.secret === 'string' && stored.secret) {
		stored.secretVerifier = secretVerifier(stored.secret);
		delete stored.secret;
	}
	return stored;
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
	if (webhooks) return webhooks;
	if (data && (Array.isArray(data.webhooks) || data.webhooks === null)) return (data.webhooks ?? []) as WebhookEntry[];
	// The list is written back whole: read as empty, the agent's other webhooks would be erased.
	throw new NodeApiError(this.getNode(), { received: describeShape(data) }, {
		message: `Timely AI answered GET /v1/agents/${agentId}/webhooks without the webhook list its document describes`,
		description: `Got ${describeShape(data)}. Nothing was changed: the agent's webhooks are written back as a whole list, so reading it as empty would remove the others.`,
	});
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
					"On activation this trigger adds one entry for this workflow to the agent's webhook list (with a secret header it generated) and keeps every other entry; deactivation removes only that entry. Deliveries without the secret get 401 and start nothing; the secret is derived from the credential and not stored in the workflow, and keeps working after the key is changed. The API key needs the agents:read and agents:write scopes. " +
					DUPLICATES_NOTICE,
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
			ignoreDuplicatesField,
		],
	};

	methods = { listSearch: { searchAgents } };

	webhookMethods = {
		default: {
			async checkExists(this: IHookFunctions): Promise<boolean> {
				const stored = migrate(this.getWorkflowStaticData('node') as Registration);
				const url = this.getNodeWebhookUrl('default');
				const ours = (await agentWebhooks.call(this)).find((w) => w.url === url);
				// Without our secret (or with other events) the entry must be written again.
				const sent = ours?.headers?.[TIMELY_SECRET_HEADER];
				return Boolean(ours && matchesVerifier(sent, stored.secretVerifier) && JSON.stringify([...ours.events].sort()) === JSON.stringify(selectedEvents(this).sort()));
			},

			async create(this: IHookFunctions): Promise<boolean> {
				const events = selectedEvents(this);
				if (!events.length) throw new NodeOperationError(this.getNode(), 'Choose at least one event under Events');
				const url = this.getNodeWebhookUrl('default') as string;
				const stored = this.getWorkflowStaticData('node') as Registration;
				const { apiKey } = await this.getCredentials(TIMELY_CREDENTIAL);
				const secret = deriveWebhookSecret(String(apiKey ?? ''), webhookIdentity(this));
				const others = (await agentWebhooks.call(this)).filter((w) => w.url !== url);
				await agentWebhooks.call(this, [...others, { url, events, headers: { [TIMELY_SECRET_HEADER]: secret }, is_active: true }]);
				delete stored.secret;
				stored.secretVerifier = secretVerifier(secret);
				return true;
			},

			async delete(this: IHookFunctions): Promise<boolean> {
				const url = this.getNodeWebhookUrl('default');
				const current = await agentWebhooks.call(this);
				const remaining = current.filter((w) => w.url !== url);
				if (remaining.length !== current.length) await agentWebhooks.call(this, remaining);
				const stored = this.getWorkflowStaticData('node') as Registration;
				delete stored.secret;
				delete stored.secretVerifier;
				return true;
			},
		},
	};

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		const stored = migrate(this.getWorkflowStaticData('node') as Registration);
		if (!matchesVerifier(headerValue(this, TIMELY_SECRET_HEADER), stored.secretVerifier)) {
			return rejectDelivery(this, 401, `missing or wrong ${TIMELY_SECRET_HEADER}`);
		}
		const body = this.getBodyData() as IDataObject;
		const event = String(body?.event ?? body?.type ?? '');
		if (!event) return rejectDelivery(this, 400, 'body has no event');
		if (!selectedEvents(this).includes(event)) return acknowledgeWithoutRun(this, `event "${event}" is not selected`);
		return acceptDelivery(this, deliveryId({ body: rawBodyOf(this) ?? body }), [{ ...body, event }]);
	}
}
