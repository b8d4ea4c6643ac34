/**
 * The guide's "Build advanced models" samples: functional API, model subclassing, custom layers.
 */
import { describe, it, expect, beforeAll } from 'vitest';
import { keras, tf } from '../index.js';
import type { Tensor, Variable } from '@keras-ts/tensor';
import { learnable } from './helpers.js';

beforeAll(async () => {
  await tf.ready();
});

describe('guide: Functional API', () => {
  it('Dense-Dense-softmax on keras.Input trains', async () => {
    const inputs = keras.Input({ shape: [32] }); // Returns a placeholder tensor
    // A layer instance is callable on a tensor, and returns a tensor.
    let x = new keras.layers.Dense(64, { activation: 'relu' }).apply(inputs);
    x = new keras.layers.Dense(64, { activation: 'relu' }).apply(x);
    const predictions = new keras.layers.Dense(10, { activation: 'softmax' }).apply(x);
    // Instantiate the model given inputs and outputs.
    const model = new keras.Model({ inputs, outputs: predictions });
    // The compile step specifies the training configuration.
    model.compile({ optimizer: tf.train.RMSPropOptimizer(0.001), loss: 'categorical_crossentropy', metrics: ['accuracy'] });
    const { x: data, y: labels } = learnable(1000, 32, 10, 21);
    const before = model.getWeights();
    // Trains for 5 epochs
    const h = await model.fit(data, labels, { batchSize: 32, epochs: 5, verbose: 0 });
    expect(h.history.loss[4]).toBeLessThan(h.history.loss[0]);
    const after = model.getWeights();
    expect(tf.max(tf.abs(tf.sub(before[0], after[0]))).dataSync()[0]).toBeGreaterThan(0);
    tf.dispose([data, labels, ...before, ...after]);
  });
});

describe('guide: Model subclassing', () => {
  class MyModel extends keras.Model {
    readonly numClasses: number;
    dense1: InstanceType<typeof keras.layers.Dense>;
    dense2: InstanceType<typeof keras.layers.Dense>;
    constructor(numClasses = 10) {
      super({ name: 'my_model' });
      this.numClasses = numClasses;
      // Define your layers here.
      this.dense1 = new keras.layers.Dense(32, { activation: 'relu' });
      this.dense2 = new keras.layers.Dense(numClasses, { activation: 'sigmoid' });
    }
    override call(inputs: Tensor | Tensor[]): Tensor {
      // Define your forward pass here, using layers you previously defined (in the constructor).
      const x = this.dense1.apply(inputs as Tensor);
      return this.dense2.apply(x);
    }
    override computeOutputShape(inputShape: Array<number | null>): Array<number | null> {
      return [...inputShape.slice(0, -1), this.numClasses];
    }
  }

  it('a subclassed Model trains with fit', async () => {
    // Instantiates the subclassed model.
    const model = new MyModel(10);
    // The compile step specifies the training configuration.
    model.compile({ optimizer: tf.train.RMSPropOptimizer(0.001), loss: 'categorical_crossentropy', metrics: ['accuracy'] });
    const { x: data, y: labels } = learnable(1000, 32, 10, 22);
    // Trains for 5 epochs.
    const h = await model.fit(data, labels, { batchSize: 32, epochs: 5, verbose: 0 });
    expect(h.history.loss[4]).toBeLessThan(h.history.loss[0]);
    expect(model.trainableWeights).toHaveLength(4);
    // usable inside a functional model thanks to computeOutputShape
    const inp = keras.Input({ shape: [32] });
    const out = model.apply(inp);
    expect(out.shape).toEqual([null, 10]);
    tf.dispose([data, labels]);
  });
});

describe('guide: Custom layers', () => {
  class MyLayer extends keras.layers.Layer {
    static override className = 'MyLayer';
    readonly outputDim: number;
    kernel!: Variable;
    constructor(outputDim: number, args: keras.layers.LayerArgs = {}) {
      super(args);
      this.outputDim = outputDim;
    }
    override build(inputShape: Array<number | null>): void {
      // Create a trainable weight variable for this layer.
      this.kernel = this.addWeight({ name: 'kernel', shape: [inputShape[1]!, this.outputDim], initializer: 'uniform', trainable: true });
      // Be sure to call this at the end
      super.build(inputShape);
    }
    call(inputs: Tensor | Tensor[]): Tensor {
      return tf.matMul(inputs as Tensor, this.kernel);
    }
    override computeOutputShape(inputShape: Array<number | null>): Array<number | null> {
      return [...inputShape.slice(0, -1), this.outputDim];
    }
    override getConfig() {
      return { ...super.getConfig(), output_dim: this.outputDim };
    }
    static override fromConfig(config: Record<string, unknown>) {
      return new MyLayer(config.output_dim as number, { name: config.name as string });
    }
  }

  it('a custom layer in a Sequential model trains, and its config round-trips', async () => {
    // Create a model using the custom layer
    const model = new keras.Sequential([new MyLayer(10), new keras.layers.Activation('softmax')]);
    // The compile step specifies the training configuration
    model.compile({ optimizer: tf.train.RMSPropOptimizer(0.001), loss: 'categorical_crossentropy', metrics: ['accuracy'] });
    const { x: data, y: targets } = learnable(1000, 32, 10, 23);
    // Trains for 5 epochs.
    const h = await model.fit(data, targets, { batchSize: 32, epochs: 5, verbose: 0 });
    expect(h.history.loss[4]).toBeLessThan(h.history.loss[0]);
    const json = model.toJson();
    expect(() => keras.models.modelFromJson(json)).toThrow(/Unknown layer: 'MyLayer'/);
    const copy = keras.models.modelFromJson(json, { customObjects: { MyLayer } });
    expect((copy.layers[0] as MyLayer).outputDim).toBe(10);
    keras.utils.registerKerasSerializable(MyLayer);
    expect(keras.models.modelFromJson(json).layers[0]).toBeInstanceOf(MyLayer);
    tf.dispose([data, targets]);
  });
});

describe('guide: eager execution with GradientTape', () => {
  it('a GradientTape loop trains the same model to the same weights as fit with SGD', async () => {
    const make = () => {
      keras.backend.clearSession();
      const m = new keras.Sequential([new keras.layers.Dense(8, { activation: 'relu', inputShape: [4], kernelInitializer: new keras.initializers.GlorotUniform({ seed: 1 }) }), new keras.layers.Dense(3, { kernelInitializer: new keras.initializers.GlorotUniform({ seed: 2 }) })]);
      return m;
    };
    const x = tf.randomNormal([64, 4], 0, 1, 'float32', 3);
    const y = tf.randomNormal([64, 3], 0, 1, 'float32', 4);
    const a = make();
    const b = make();
    b.setWeights(a.getWeights());
    a.compile({ optimizer: new keras.optimizers.SGD({ learningRate: 0.05 }), loss: 'mse' });
    await a.fit(x, y, { epochs: 2, batchSize: 16, shuffle: false, verbose: 0 });

    const optimizer = new keras.optimizers.SGD({ learningRate: 0.05 });
    const lossFn = new keras.losses.MeanSquaredError();
    for (let epoch = 0; epoch < 2; epoch++) {
      for (let i = 0; i < 64; i += 16) {
        const xb = tf.slice(x, [i, 0], [16, 4]);
        const yb = tf.slice(y, [i, 0], [16, 3]);
        const tape = new tf.GradientTape();
        const loss = tape.record(() => lossFn.apply(yb, b.apply(xb, { training: true }) as Tensor));
        const grads = tape.gradient(loss, b.trainableWeights);
        optimizer.applyGradients(grads.map((g, j) => [g, b.trainableWeights[j]] as [Tensor, Variable]));
        tf.dispose([xb, yb, loss, ...(grads as Tensor[])]);
      }
    }
    const wa = a.getWeights();
    const wb = b.getWeights();
    wa.forEach((w, i) => {
      const diff = tf.max(tf.abs(tf.sub(w, wb[i]))).dataSync()[0];
      expect(diff).toBeLessThan(1e-6);
    });
    tf.dispose([x, y, ...wa, ...wb]);
  });
});
