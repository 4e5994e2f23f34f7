// A KVStore wrapper that charges the gas meter exactly where the SDK's gaskv store does.
import type { KVStore } from '@scrtd/store';
import type { GasMeter, KVGasConfig } from './gas.js';

export class GasKVStore implements KVStore {
  constructor(private readonly parent: KVStore, private readonly meter: GasMeter, private readonly cfg: KVGasConfig) {}

  get(key: Uint8Array): Uint8Array | undefined {
    this.meter.consume(this.cfg.readCostFlat, 'ReadFlat');
    const v = this.parent.get(key);
    this.meter.consume(this.cfg.readCostPerByte * key.length, 'ReadPerByte');
    if (v) this.meter.consume(this.cfg.readCostPerByte * v.length, 'ReadPerByte');
    return v;
  }

  has(key: Uint8Array): boolean {
    this.meter.consume(this.cfg.hasCost, 'Has');
    return this.parent.has(key);
  }

  set(key: Uint8Array, value: Uint8Array): void {
    this.meter.consume(this.cfg.writeCostFlat, 'WriteFlat');
    this.meter.consume(this.cfg.writeCostPerByte * key.length, 'WritePerByte');
    this.meter.consume(this.cfg.writeCostPerByte * value.length, 'WritePerByte');
    this.parent.set(key, value);
  }

  delete(key: Uint8Array): void {
    this.meter.consume(this.cfg.deleteCost, 'Delete');
    this.parent.delete(key);
  }

  *iterate(start?: Uint8Array, end?: Uint8Array, reverse?: boolean): IterableIterator<[Uint8Array, Uint8Array]> {
    for (const [k, v] of this.parent.iterate(start, end, reverse)) {
      // The SDK charges per Next() the flat cost plus the bytes of the entry it lands on.
      this.meter.consume(this.cfg.iterNextCostFlat, 'IterNextFlat');
      this.meter.consume(this.cfg.readCostPerByte * (k.length + v.length), 'ValuePerByte');
      yield [k, v];
    }
  }
}
