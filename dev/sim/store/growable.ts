// Typed arrays that grow: the large site holds millions of events, too many for arrays of objects.

type TypedArray = Int32Array | Uint32Array | Uint8Array | Float64Array;
type TypedArrayCtor<T extends TypedArray> = new (length: number) => T;

export class Growable<T extends TypedArray> {
  data: T;
  length = 0;

  constructor(
    private readonly ctor: TypedArrayCtor<T>,
    initialCapacity = 1024,
  ) {
    this.data = new ctor(Math.max(16, initialCapacity));
  }

  push(value: number): number {
    if (this.length === this.data.length) this.grow();
    this.data[this.length] = value;
    return this.length++;
  }

  get(index: number): number {
    return this.data[index] as number;
  }

  set(index: number, value: number): void {
    this.data[index] = value;
  }

  private grow(): void {
    const bigger = new this.ctor(this.data.length * 2);
    bigger.set(this.data as never);
    this.data = bigger;
  }
}
