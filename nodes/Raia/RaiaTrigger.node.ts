import type {
	IDataObject,
	IHookFunctions,
	JsonObject,
	INodeType,
	INodeTypeDescription,
	IWebhookFunctions,
	IWebhookResponseData,
} from 'n8n-workflow';
import { NodeApiError, NodeConnectionTypes } from 'n8n-workflow';

import { TRIGGER_VERSIONS, triggerWebhook } from '../shared/descriptions';
import { apiRequest } from '../shared/transport';
import {
	acceptDelivery,
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
import { AGENT_KEY, RAIA_SECRET_HEADER, TRIGGER_CONDITIONS, raiaBaseUrl, raiaSpec } from './api';

/** Replaces a plain secret left by an older version with its verifier. */
function migrate(stored: Registration): Registration {
	if (typeof stored.secret === 'string' && stored.secret) {
		stored.secretVerifier = secretVerifier(stored.secret);
		delete stored.secret;
	}
	return stored;
}

interface Registration {
	webhookId?: string;
	/** A one-way hash of the secret header raia sends; the secret itself is derived, never stored. */
	secretVerifier?: string;
	/** Before 0.2: the secret in plain text; replaced by its verifier on first use. */
	secret?: string;
	url?: string;
	condition?: string;
}

const conditionNames: Record<string, string> = {
	each_message: 'Each Message',
	end_dialog: 'Dialog Ended',
	start_dialog: 'Dialog Started',
	chat_currently_unavailable: 'Chat Currently Unavailable',
	auto_archive_conversation: 'Conversation Auto-Archived',
	manual: 'Manual',
};

export class RaiaTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'raia Trigger',
		name: 'raiaTrigger',
		icon: { light: 'file:raia.svg', dark: 'file:raia.dark.svg' },
		group: ['trigger'],
		version: TRIGGER_VERSIONS,
		subtitle: '={{$parameter["triggerCondition"]}}',
		description: 'Starts the workflow when a raia agent sends a webhook: each message, dialog start or end, and more',
		defaults: { name: 'raia Trigger' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: AGENT_KEY, required: true }],
		webhooks: [triggerWebhook('webhook')],
		properties: [
			{
				displayName:
					"On first activation this trigger creates a raia webhook for this workflow (with a secret header it generated) and reuses it afterwards. raia has no API to list or delete webhooks: deactivating stops runs but the webhook stays in raia, and choosing another condition creates a new one — remove old ones in raia's agent settings. raia only calls public HTTPS URLs. Deliveries without the secret get 401 and start nothing. The secret is derived from the credential and not stored in the workflow; the webhook keeps working after the key is changed. " +
					DUPLICATES_NOTICE,
				name: 'notice',
				type: 'notice',
				default: '',
			},
			{
				displayName: 'Trigger Condition',
				name: 'triggerCondition',
				type: 'options',
				options: TRIGGER_CONDITIONS.map((value) => ({ name: conditionNames[value], value })),
				default: 'each_message',
				description: 'When raia calls the workflow',
			},
			ignoreDuplicatesField,
		],
	};

	webhookMethods = {
		default: {
			async checkExists(this: IHookFunctions): Promise<boolean> {
				const stored = migrate(this.getWorkflowStaticData('node') as Registration);
				// raia cannot list webhooks: ours exists if we created it for this URL and condition.
				return Boolean(
					stored.webhookId && stored.secretVerifier && stored.url === this.getNodeWebhookUrl('default') && stored.condition === this.getNodeParameter('triggerCondition'),
				);
			},

			async create(this: IHookFunctions): Promise<boolean> {
				const url = this.getNodeWebhookUrl('default') as string;
				const condition = this.getNodeParameter('triggerCondition') as string;
				// One secret per webhook (derived from the condition too): deliveries from an older
				// webhook (another condition) no longer authenticate.
				const credentials = await this.getCredentials(AGENT_KEY);
				const identity = webhookIdentity(this);
				const secret = deriveWebhookSecret(String(credentials.secretKey ?? ''), { ...identity, webhookId: `${identity.webhookId}:${condition}` });
				const created = (await apiRequest.call(this, raiaSpec, AGENT_KEY, raiaBaseUrl(credentials), {
					method: 'POST',
					url: '/external/agents/webhooks',
					body: {
						title: `n8n: ${this.getWorkflow().name ?? this.getWorkflow().id}`,
						description: `n8n workflow ${String(this.getWorkflow().id)}, node "${this.getNode().name}"`,
						url,
						triggerCondition: condition,
						headers: { [RAIA_SECRET_HEADER]: secret },
					},
				})) as IDataObject;
				if (!created?.id) throw new NodeApiError(this.getNode(), (created ?? {}) as JsonObject, { message: 'raia did not return a webhook id' });
				const stored = this.getWorkflowStaticData('node') as Registration;
				delete stored.secret;
				Object.assign(stored, { webhookId: String(created.id), secretVerifier: secretVerifier(secret), url, condition } satisfies Registration);
				return true;
			},

			async delete(this: IHookFunctions): Promise<boolean> {
				// No delete endpoint: keep the registration so re-activation reuses it.
				return true;
			},
		},
	};

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		const stored = migrate(this.getWorkflowStaticData('node') as Registration);
		if (!matchesVerifier(headerValue(this, RAIA_SECRET_HEADER), stored.secretVerifier)) return rejectDelivery(this, 401, `missing or wrong ${RAIA_SECRET_HEADER}`);
		const body = this.getBodyData() as IDataObject;
		if (!body || typeof body !== 'object' || Array.isArray(body)) return rejectDelivery(this, 400, 'body is not a JSON object');
		const id = deliveryId({ body: rawBodyOf(this) ?? body });
		return acceptDelivery(this, id, [{ triggerCondition: this.getNodeParameter('triggerCondition'), ...body }]);
	}
}
