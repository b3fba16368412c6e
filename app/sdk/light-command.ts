/**
 * A command that is only its input and its name until it is sent. The
 * SDK's command classes come with the whole SDK; a light command is built
 * without it, so a transfer that the direct path sends whole (app/s3/direct)
 * never loads the SDK (./load-sdk.ts). Where a light command does reach the SDK's
 * client, it turns into the SDK's own command of the same name, carrying the
 * middleware added to it meanwhile, so the client sends it as it would have
 * sent that command.
 */
import type { Handler, MetadataBearer, MiddlewareStack, Pluggable, RelativeMiddlewareOptions } from '@smithy/types';
import { s3Sdk } from './load-sdk.js';

type S3Sdk = ReturnType<typeof s3Sdk>;
/** The name of one of the SDK's S3 command classes. */
export type SdkCommandName = Extract<keyof S3Sdk, `${string}Command`>;

/** The SDK's command, as far as a light command needs it. */
interface SdkCommand<I extends object, O extends object> {
  readonly middlewareStack: MiddlewareStack<I, O>;
  resolveMiddleware(stack: unknown, configuration: unknown, options: unknown): Handler<I, O>;
}

type Step = (stack: MiddlewareStack<object, object>) => void;

/**
 * The middleware added to a light command, kept in order to be added to the
 * SDK's command when there is one. It records what Ferry does to a command's
 * stack (add, place relative to another, plug in, remove); reading a stack
 * back is the SDK's business, so those members say so.
 */
class DeferredStack<I extends object, O extends object> implements MiddlewareStack<I, O> {
  readonly #steps: Step[];

  constructor(steps: Step[] = []) {
    this.#steps = steps;
  }

  add(middleware: unknown, options?: unknown): void {
    this.#steps.push((s) => (s.add as (m: unknown, o?: unknown) => void)(middleware, options));
  }

  addRelativeTo(middleware: unknown, options: RelativeMiddlewareOptions): void {
    this.#steps.push((s) => (s.addRelativeTo as (m: unknown, o: unknown) => void)(middleware, options));
  }

  use(pluggable: Pluggable<I, O>): void {
    this.#steps.push((s) => pluggable.applyToStack(s as unknown as MiddlewareStack<I, O>));
  }

  remove(toRemove: unknown): boolean {
    this.#steps.push((s) => s.remove(toRemove as string));
    return true;
  }

  removeByTag(tag: string): boolean {
    this.#steps.push((s) => s.removeByTag(tag));
    return true;
  }

  clone(): MiddlewareStack<I, O> {
    return new DeferredStack<I, O>([...this.#steps]);
  }

  /** Adds what was recorded to `stack`, in the order it was recorded. */
  applyToStack = (stack: MiddlewareStack<I, O>): void => {
    for (const step of this.#steps) step(stack as unknown as MiddlewareStack<object, object>);
  };

  concat(): never {
    return notHere('concat');
  }

  resolve(): never {
    return notHere('resolve');
  }

  identify(): never {
    return notHere('identify');
  }

  identifyOnResolve(): never {
    return notHere('identifyOnResolve');
  }
}

function notHere(member: string): never {
  throw new Error(`A light command's middleware stack only records; ${member} belongs to the SDK's command it becomes.`);
}

export abstract class LightCommand<I extends object, O extends MetadataBearer> {
  abstract readonly sdkName: SdkCommandName;
  readonly middlewareStack: MiddlewareStack<I, O> = new DeferredStack<I, O>();

  constructor(readonly input: I) {}

  /** The SDK's command of the same name and input, with this command's middleware: loads the SDK. */
  toSdk(): SdkCommand<I, O> {
    const Sdk = s3Sdk()[this.sdkName] as unknown as new (input: I) => SdkCommand<I, O>;
    const real = new Sdk(this.input);
    this.middlewareStack.applyToStack(real.middlewareStack);
    return real;
  }

  /** What the SDK's client calls to send a command: it gets the SDK's own command's pipeline. */
  resolveMiddleware(stack: unknown, configuration: unknown, options: unknown): Handler<I, O> {
    const real = this.toSdk();
    const handler = real.resolveMiddleware(stack, configuration, options);
    return () => handler(real as unknown as Parameters<Handler<I, O>>[0]);
  }
}

/** A light command class for the SDK's command `name`, with its input and output types. */
export function lightCommand<I extends object, O extends MetadataBearer>(name: SdkCommandName) {
  return class extends LightCommand<I, O> {
    readonly sdkName = name;
  };
}

/** The SDK name of a command, light or the SDK's own. */
export function commandName(command: object): string {
  return command instanceof LightCommand ? command.sdkName : ((command.constructor as { name?: string }).name ?? '');
}
