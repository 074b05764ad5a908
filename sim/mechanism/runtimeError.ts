/**
 * An extrinsic or internal call the runtime rejects, named exactly as the runtime's
 * `Error<T>` variant (e.g. `NotEnoughBalanceToStake`, `AmountTooLow`, `SlippageTooHigh`,
 * `InsufficientLiquidity`), so engine results can be compared with chain events. A rejected
 * action changes nothing.
 */
export class RuntimeError extends Error {
  override name = 'RuntimeError' as const;
  /** the runtime's error variant, e.g. `NotEnoughStakeToWithdraw` */
  readonly variant: string;
  /** the pallet that raises it (`SubtensorModule`, `Balances`, `Swap`) */
  readonly pallet: string;
  constructor(variant: string, details?: string, pallet = 'SubtensorModule') {
    super(details ? `${pallet}.${variant}: ${details}` : `${pallet}.${variant}`);
    this.variant = variant;
    this.pallet = pallet;
  }
}

/** The result of an action: the runtime's events on success, or its error (state unchanged). */
export type ActionResult<T = Record<string, unknown>> = { ok: true; value: T } | { ok: false; error: RuntimeError };
