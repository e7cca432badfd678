import type {
	IDataObject,
	IHookFunctions,
	INodeType,
	INodeTypeDescription,
	IWebhookFunctions,
	IWebhookResponseData,
} from 'n8n-workflow';
import { NodeConnectionTypes, NodeOperationError } from 'n8n-workflow';

import { TRIGGER_VERSIONS, triggerWebhook } from '../shared/descriptions';
import {
	acceptDelivery,
	acknowledgeWithoutRun,
	credentialSecret,
	deliveryId,
	DUPLICATES_NOTICE,
	headerValue,
	ignoreDuplicatesField,
	rawBodyOf,
	rejectDelivery,
	secretsEqual,
} from '../shared/webhookAuth';
import { AGENT_CREDENTIAL, PLATFORM_AUTH_HEADER, VELENTS_EVENTS, WEBHOOK_SECRET_HEADER } from './api';

interface Expected {
	webhookSecret?: string;
	platformValue?: string;
}

async function expectedSecrets(context: IHookFunctions | IWebhookFunctions): Promise<Expected> {
	const platformValue = String(context.getNodeParameter('platformAuthorization', '') ?? '').trim() || undefined;
	// The credential is optional: read it only when one is attached to the node.
	if (!context.getNode().credentials?.[AGENT_CREDENTIAL]) return { platformValue };
	const credentials = await context.getCredentials(AGENT_CREDENTIAL);
	return { webhookSecret: String(credentials.webhookSecret ?? '').trim() || undefined, platformValue };
}

const asObject = (value: unknown): IDataObject => (value && typeof value === 'object' && !Array.isArray(value) ? (value as IDataObject) : {});

const KNOWN_KEYS = new Set(['event', 'agent', 'conversation', 'call', 'result']);

/**
 * One item per event, for both the current and the older `ondone`/`call` shapes: flat fields
 * for the common values, and every object the provider sent (`event`, `agent`, `conversation`
 * or `call`, `result`) as it came, so nothing is lost (e.g. both `result.recording` and
 * `result.call_recording_url`).
 */
export function flattenEvent(body: IDataObject): IDataObject {
	const event = asObject(body.event);
	const subject = asObject(body.conversation ?? body.call);
	const result = asObject(body.result);
	const message = asObject(result.message);
	const agent = asObject(body.agent);
	const history = (Array.isArray(result.history) ? result.history : []).map((entry) => {
		const e = asObject(entry);
		return { role: e.role, message: e.message ?? e.content, timestamp: e.timestamp ?? e.timeAdded };
	});
	const extraction = Array.isArray(result.extraction) ? Object.assign({}, ...result.extraction.map(asObject)) : asObject(result.extraction);
	const custom = Object.fromEntries(Object.entries(body).filter(([key]) => !KNOWN_KEYS.has(key)));
	return {
		eventType: event.type,
		about: event.about ?? (body.call ? 'call' : 'conversation'),
		agentId: agent.id,
		agentPublicId: agent.public,
		conversationId: subject.id,
		phone: subject.phone,
		values: asObject(subject.values),
		createdAt: subject.created_at,
		extraction,
		customerMessage: message.customer,
		agentMessage: message.agent,
		messageTimestamp: message.timestamp,
		history,
		recordingUrl: result.call_recording_url ?? result.recording,
		goals: result.goals,
		...(Object.keys(custom).length ? { custom } : {}),
		...Object.fromEntries(Object.entries(body).filter(([key]) => KNOWN_KEYS.has(key))),
	};
}

export class VelentsTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Velents Trigger',
		name: 'velentsTrigger',
		icon: { light: 'file:velents.svg', dark: 'file:velents.dark.svg' },
		group: ['trigger'],
		version: TRIGGER_VERSIONS,
		subtitle: '={{$parameter["events"].join(", ")}}',
		description: 'Starts the workflow on Agent.sa conversation events: started, new message, information extracted, ended',
		defaults: { name: 'Velents Trigger' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: AGENT_CREDENTIAL, required: false }],
		webhooks: [triggerWebhook('webhook')],
		properties: [
			{
				displayName:
					"Velents has no API to register webhooks: use this trigger's Production URL as the Webhook Link of a Velents Dispatch or Dispatch Batch. Deliveries must carry the Webhook Secret of the selected credential (the Velents node adds it for you) and/or the x-velents-authorization value below; any other delivery gets 401 and starts nothing. " +
					DUPLICATES_NOTICE,
				name: 'notice',
				type: 'notice',
				default: '',
			},
			{
				displayName: 'Events',
				name: 'events',
				type: 'multiOptions',
				options: VELENTS_EVENTS,
				default: ['onStarted', 'onMessage', 'onUpdate', 'onEnded'],
				description: 'Events that start the workflow; others are acknowledged without a run',
			},
			{
				displayName: 'Velents Authorization Value',
				name: 'platformAuthorization',
				type: 'string',
				typeOptions: { password: true },
				default: '',
				description: 'Shared secret configured in the Velents dashboard, sent as x-velents-authorization. Leave empty to rely on the credential webhook secret only.',
			},
			ignoreDuplicatesField,
		],
	};

	webhookMethods = {
		default: {
			async checkExists(this: IHookFunctions): Promise<boolean> {
				// Nothing is registered at Velents; create() only checks the configuration.
				return false;
			},
			async create(this: IHookFunctions): Promise<boolean> {
				const { webhookSecret, platformValue } = await expectedSecrets(this);
				if (!webhookSecret && !platformValue) {
					throw new NodeOperationError(this.getNode(), 'Deliveries cannot be authenticated', {
						description: 'Set a Webhook Secret in the Velents Agent.sa credential, or the Velents Authorization Value, before activating.',
					});
				}
				return true;
			},
			async delete(this: IHookFunctions): Promise<boolean> {
				return true;
			},
		},
	};

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		const platformValue = String(this.getNodeParameter('platformAuthorization', '') ?? '').trim() || undefined;
		const webhookSecret = this.getNode().credentials?.[AGENT_CREDENTIAL]
			? await credentialSecret(this, AGENT_CREDENTIAL, headerValue(this, WEBHOOK_SECRET_HEADER), (c) => String(c.webhookSecret ?? '').trim() || undefined)
			: undefined;
		if (!webhookSecret && !platformValue) return rejectDelivery(this, 401, 'trigger has no secret configured');
		if (webhookSecret && !secretsEqual(headerValue(this, WEBHOOK_SECRET_HEADER), webhookSecret)) {
			return rejectDelivery(this, 401, `missing or wrong ${WEBHOOK_SECRET_HEADER}`);
		}
		if (platformValue && !secretsEqual(headerValue(this, PLATFORM_AUTH_HEADER), platformValue)) {
			return rejectDelivery(this, 401, `missing or wrong ${PLATFORM_AUTH_HEADER}`);
		}
		const body = asObject(this.getBodyData());
		const type = asObject(body.event).type;
		if (typeof type !== 'string' || !type) return rejectDelivery(this, 400, 'body has no event.type');
		const wanted = this.getNodeParameter('events', []) as string[];
		if (!wanted.includes(type)) return acknowledgeWithoutRun(this, `event "${type}" is not selected`);
		return acceptDelivery(this, deliveryId({ body: rawBodyOf(this) ?? body }), [flattenEvent(body)]);
	}
}
