import type {
	IDataObject,
	IHookFunctions,
	INodeType,
	INodeTypeDescription,
	IWebhookFunctions,
	IWebhookResponseData,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { TRIGGER_VERSIONS, triggerWebhook } from '../shared/descriptions';
import { apiRequest } from '../shared/transport';
import { pathSegment } from '../shared/validators';
import {
	acceptDelivery,
	acknowledgeWithoutRun,
	credentialSecret,
	deliveryId,
	DUPLICATES_NOTICE,
	ignoreDuplicatesField,
	rawBodyOf,
	rejectAndWarn,
	rejectDelivery,
	secretsEqual,
} from '../shared/webhookAuth';
import { TRIGGER_PATH, VOXSTACK_CREDENTIAL, VOXSTACK_EVENTS, apiBaseUrl, triggerToken, voxStackSpec, withTriggerToken } from './api';
import { getPendingTasks } from './listSearch';

interface Attachment {
	taskId: string;
	previousUrl: string | null;
	previousEvents: string[];
}

async function voxRequest(this: IHookFunctions, method: 'GET' | 'PATCH', url: string, body?: IDataObject) {
	const credentials = await this.getCredentials(VOXSTACK_CREDENTIAL);
	return (await apiRequest.call(this, voxStackSpec, VOXSTACK_CREDENTIAL, apiBaseUrl(credentials), {
		method,
		url,
		body,
		allowNotFound: method === 'GET',
	})) as IDataObject | undefined;
}

/** The production URL with the token only holders of the API key can compute. */
async function tokenUrl(context: IHookFunctions): Promise<string> {
	const { apiKey } = await context.getCredentials(VOXSTACK_CREDENTIAL);
	return withTriggerToken(context.getNodeWebhookUrl('default') as string, String(apiKey), String(context.getNode().webhookId));
}

/** The display name of the task field, for errors about its IDs. */
const ATTACH_LABEL = 'Attach to Pending Tasks Names or IDs';

/** GET a task, or undefined when it no longer exists. */
async function findTask(context: IHookFunctions, taskId: string): Promise<IDataObject | undefined> {
	return await voxRequest.call(context, 'GET', `/tasks/${pathSegment(context.getNode(), undefined, ATTACH_LABEL, taskId)}`);
}

export class VoxStackTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'VoxStack Trigger',
		name: 'voxStackTrigger',
		icon: { light: 'file:voxstack.svg', dark: 'file:voxstack.dark.svg' },
		group: ['trigger'],
		version: TRIGGER_VERSIONS,
		subtitle: '={{$parameter["events"].join(", ")}}',
		description: 'Starts the workflow when a VoxStack call starts, completes or fails',
		defaults: { name: 'VoxStack Trigger' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: VOXSTACK_CREDENTIAL, required: true }],
		webhooks: [triggerWebhook(TRIGGER_PATH)],
		properties: [
			{
				displayName:
					"VoxStack sends call events to the webhook URL of each task. Paste this trigger's Production URL into the Webhook URL of a VoxStack node's Task → Create or Update (it adds the access token for you), or pick pending tasks below and the trigger attaches itself on activation and detaches on deactivation. Deliveries without the token get 401 and start nothing. VoxStack requires HTTPS. " +
					DUPLICATES_NOTICE,
				name: 'notice',
				type: 'notice',
				default: '',
			},
			{
				displayName: 'Events',
				name: 'events',
				type: 'multiOptions',
				options: VOXSTACK_EVENTS,
				default: ['call_started', 'call_completed', 'call_failed'],
				description: 'Events that start the workflow',
			},
			{
				displayName: 'Attach to Pending Tasks Names or IDs',
				name: 'attachTaskIds',
				type: 'multiOptions',
				typeOptions: { loadOptionsMethod: 'getPendingTasks' },
				default: [],
				description:
					'Pending tasks whose webhook is set to this trigger on activation, and restored on deactivation while they are still pending. Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
			},
			ignoreDuplicatesField,
		],
	};

	methods = { loadOptions: { getPendingTasks } };

	webhookMethods = {
		default: {
			async checkExists(this: IHookFunctions): Promise<boolean> {
				// Attaching is idempotent (create() skips tasks already pointing here), so let
				// create() reconcile the chosen tasks on every activation.
				const wanted = this.getNodeParameter('attachTaskIds', []) as string[];
				return wanted.length === 0;
			},

			async create(this: IHookFunctions): Promise<boolean> {
				const url = await tokenUrl(this);
				const events = this.getNodeParameter('events', []) as string[];
				const stored = this.getWorkflowStaticData('node') as { attached?: Attachment[] };
				const attached = stored.attached ?? [];
				for (const taskId of this.getNodeParameter('attachTaskIds', []) as string[]) {
					const task = await findTask(this, taskId);
					// Only pending tasks can be changed; finished ones will not call again.
					if (!task || task.status !== 'pending') continue;
					if (!attached.some((a) => a.taskId === taskId)) {
						attached.push({
							taskId,
							previousUrl: task.webhook_url === url ? null : ((task.webhook_url as string | null) ?? null),
							previousEvents: (task.webhook_events as string[]) ?? [],
						});
					}
					if (task.webhook_url !== url || JSON.stringify(task.webhook_events) !== JSON.stringify(events)) {
						await voxRequest.call(this, 'PATCH', `/tasks/${pathSegment(this.getNode(), undefined, ATTACH_LABEL, taskId)}`, { webhook_url: url, webhook_events: events });
					}
				}
				stored.attached = attached;
				return true;
			},

			async delete(this: IHookFunctions): Promise<boolean> {
				const stored = this.getWorkflowStaticData('node') as { attached?: Attachment[] };
				const url = await tokenUrl(this);
				for (const attachment of stored.attached ?? []) {
					const task = await findTask(this, attachment.taskId);
					// Restore only tasks that still point here and can still be changed.
					if (task?.status === 'pending' && task.webhook_url === url) {
						await voxRequest.call(this, 'PATCH', `/tasks/${pathSegment(this.getNode(), undefined, ATTACH_LABEL, attachment.taskId)}`, {
							webhook_url: attachment.previousUrl,
							webhook_events: attachment.previousEvents,
						});
					}
				}
				delete stored.attached;
				return true;
			},
		},
	};

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		const token = (this.getQueryData() as IDataObject).token;
		const webhookId = String(this.getNode().webhookId).toLowerCase();
		const expected = await credentialSecret(this, VOXSTACK_CREDENTIAL, token, (c) => triggerToken(String(c.apiKey), webhookId));
		if (typeof token !== 'string' || !token) return rejectDelivery(this, 401, 'missing token');
		if (!expected || !secretsEqual(token, expected)) {
			// The token is made from the API key: after a key change every task still carries the old one.
			return rejectAndWarn(this, "wrong token for this trigger under the credential's current API key (if the key was changed, re-save the tasks' Webhook URL with Task → Update, or re-activate the workflow to re-attach the picked tasks)");
		}
		const body = this.getBodyData() as IDataObject;
		const event = body?.event_type;
		if (typeof event !== 'string' || !event) return rejectDelivery(this, 400, 'body has no event_type');
		const wanted = this.getNodeParameter('events', []) as string[];
		if (!wanted.includes(event)) return acknowledgeWithoutRun(this, `event "${event}" is not selected`);
		return acceptDelivery(this, deliveryId({ body: rawBodyOf(this) ?? body }), [body]);
	}
}
