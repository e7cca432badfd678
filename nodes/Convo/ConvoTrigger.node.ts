import type {
	IDataObject,
	IHookFunctions,
	INodeType,
	INodeTypeDescription,
	IWebhookFunctions,
	IWebhookResponseData,
} from 'n8n-workflow';
import { NodeApiError, NodeConnectionTypes, NodeOperationError } from 'n8n-workflow';

import { eventList, otherEventsField, TRIGGER_VERSIONS, triggerWebhook } from '../shared/descriptions';
import { apiList, apiRequest } from '../shared/transport';
import {
	acceptDelivery,
	acknowledgeWithoutRun,
	deliveryId,
	DUPLICATES_NOTICE,
	headerValue,
	ignoreDuplicatesField,
	openStoredSecret,
	rawBodyOf,
	rejectAndWarn,
	rejectDelivery,
	sealSecret,
	verifyTimestampedHmac,
} from '../shared/webhookAuth';
import { CONVO_CREDENTIAL, CONVO_EVENTS, convoSpec } from './api';

/** Deliveries larger than this are refused before parsing. */
const MAX_DELIVERY_BYTES = 1024 * 1024;

interface Subscription {
	subscriptionId?: string;
	/** Convo's signing secret, encrypted with a key derived from the credential's API token. */
	sealedSecret?: string;
	/** Before 0.2: the signing secret in plain text; migrated to sealedSecret on first use. */
	signingSecret?: string;
	url?: string;
	events?: string;
}

const SEAL_PURPOSE = 'convo-signing-secret';
const tokenOf = (credentials: IDataObject) => String(credentials.apiToken ?? '');

/**
 * The signing secret of the stored subscription: opened with the credential, or (stored by an
 * older version) read in plain text and sealed in its place. Undefined when the credential's
 * token is no longer the one the secret was sealed with.
 */
async function signingSecretOf(context: IHookFunctions | IWebhookFunctions, stored: Subscription): Promise<string | undefined> {
	if (typeof stored.signingSecret === 'string' && stored.signingSecret) {
		const plain = stored.signingSecret;
		stored.sealedSecret = sealSecret(tokenOf(await context.getCredentials(CONVO_CREDENTIAL)), SEAL_PURPOSE, plain);
		delete stored.signingSecret;
		return plain;
	}
	if (!stored.sealedSecret) return undefined;
	return await openStoredSecret(context, CONVO_CREDENTIAL, tokenOf, SEAL_PURPOSE, stored.sealedSecret);
}

function selectedEvents(context: IHookFunctions | IWebhookFunctions): string[] {
	return eventList(context.getNodeParameter('events', []), context.getNodeParameter('customEvents', '')).sort();
}

async function convoBaseUrl(context: IHookFunctions) {
	return String((await context.getCredentials(CONVO_CREDENTIAL)).baseUrl).replace(/\/+$/, '');
}

export class ConvoTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Convo Trigger',
		name: 'convoTrigger',
		icon: { light: 'file:convo.svg', dark: 'file:convo.dark.svg' },
		group: ['trigger'],
		version: TRIGGER_VERSIONS,
		subtitle: '={{$parameter["events"].join(", ")}}',
		description: 'Starts the workflow when Convo sends an event, such as a new lead or a closed conversation',
		defaults: { name: 'Convo Trigger' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: CONVO_CREDENTIAL, required: true }],
		webhooks: [triggerWebhook('webhook')],
		properties: [
			{
				displayName:
					'Activating subscribes this workflow in Convo (its webhook URL must be reachable from Convo). Every delivery must carry a valid X-Convo-Signature (HMAC-SHA256, at most 300 s old); others get 401 and start nothing. Convo has no API to delete a subscription: deactivating stops runs, re-activating reuses the same subscription, and changing the events creates a new one. Remove old ones in Convo under Settings → Integrations. The signing secret is stored only encrypted with the credential\'s token: after changing the token, re-activate the workflow. ' +
					DUPLICATES_NOTICE,
				name: 'notice',
				type: 'notice',
				default: '',
			},
			{
				displayName: 'Events',
				name: 'events',
				type: 'multiOptions',
				options: CONVO_EVENTS,
				default: ['lead.created'],
				description: 'Events that start the workflow',
			},
			otherEventsField('conversation.opened, message.created'),
			ignoreDuplicatesField,
		],
	};

	webhookMethods = {
		default: {
			async checkExists(this: IHookFunctions): Promise<boolean> {
				const stored = this.getWorkflowStaticData('node') as Subscription;
				// A secret that no longer opens (the token changed) needs a new subscription.
				if (!stored.subscriptionId || !(await signingSecretOf(this, stored))) return false;
				const url = this.getNodeWebhookUrl('default');
				// A different URL or event set needs a new subscription (Convo cannot edit one).
				if (stored.url !== url || stored.events !== selectedEvents(this).join(',')) return false;
				// Read strictly: a list in another shape read as empty would subscribe a second time.
				const { records } = await apiList.call(this, convoSpec, CONVO_CREDENTIAL, await convoBaseUrl(this), { method: 'GET', url: '/integrations' });
				const alive = records.some((i) => i.id === stored.subscriptionId && i.url === url);
				if (!alive) {
					// Removed in Convo: forget it so create() subscribes afresh.
					delete stored.subscriptionId;
					delete stored.sealedSecret;
				}
				return alive;
			},

			async create(this: IHookFunctions): Promise<boolean> {
				const events = selectedEvents(this);
				if (!events.length) throw new NodeOperationError(this.getNode(), 'Choose at least one event under Events');
				const url = this.getNodeWebhookUrl('default') as string;
				const created = (await apiRequest.call(this, convoSpec, CONVO_CREDENTIAL, await convoBaseUrl(this), {
					method: 'POST',
					url: '/integrations/webhook',
					body: { type: 'WEBHOOK', url, events },
				})) as IDataObject;
				if (!created?.id || typeof created.signingSecret !== 'string') {
					throw new NodeApiError(this.getNode(), { id: String(created?.id ?? '') }, {
						message: 'Convo did not return a subscription id and signing secret',
						description: 'Without the secret, deliveries cannot be verified, so the trigger was not activated.',
					});
				}
				const stored = this.getWorkflowStaticData('node') as Subscription;
				const sealedSecret = sealSecret(tokenOf(await this.getCredentials(CONVO_CREDENTIAL)), SEAL_PURPOSE, created.signingSecret);
				delete stored.signingSecret;
				Object.assign(stored, { subscriptionId: created.id, sealedSecret, url, events: events.join(',') });
				return true;
			},

			async delete(this: IHookFunctions): Promise<boolean> {
				// Convo has no delete endpoint. Keep the subscription and its secret so that
				// re-activation reuses it instead of piling up duplicates; n8n answers 404 to
				// deliveries while the workflow is inactive.
				return true;
			},
		},
	};

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		const stored = this.getWorkflowStaticData('node') as Subscription;
		const raw = rawBodyOf(this);
		if (!stored.signingSecret && !stored.sealedSecret) return rejectDelivery(this, 401, 'trigger has no active subscription');
		if (!raw || raw.length === 0) return rejectDelivery(this, 401, 'empty body cannot be verified');
		if (raw.length > MAX_DELIVERY_BYTES) return rejectDelivery(this, 413, 'body too large');
		const secret = await signingSecretOf(this, stored);
		if (!secret) {
			return rejectAndWarn(this, 'the signing secret cannot be opened with the current Convo credential (was its API token changed?): re-activate the workflow to subscribe again');
		}
		const signature = headerValue(this, 'x-convo-signature');
		const verdict = verifyTimestampedHmac({
			secret,
			rawBody: raw,
			signatureHeader: signature,
			timestampHeader: headerValue(this, 'x-convo-timestamp'),
		});
		if (!verdict.ok) return rejectDelivery(this, 401, verdict.reason);

		let payload: IDataObject;
		try {
			payload = JSON.parse(raw.toString('utf8')) as IDataObject;
		} catch {
			return rejectDelivery(this, 400, 'body is not JSON');
		}
		if (!payload || typeof payload !== 'object' || Array.isArray(payload)) return rejectDelivery(this, 400, 'body is not a JSON object');
		const event = String(payload.event ?? payload.type ?? '');
		const wanted = selectedEvents(this);
		if (!wanted.includes(event)) return acknowledgeWithoutRun(this, `event "${event}" is not selected`);
		return acceptDelivery(this, deliveryId({ eventId: payload.id, signature, body: raw }), [{ ...payload, event }]);
	}
}
