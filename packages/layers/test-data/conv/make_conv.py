"""Keras 3 references for the conv family options the Keras 2.1.2 fixtures lack.

Run: KERAS_BACKEND=jax /work/main/.venv/bin/python packages/layers/test-data/conv/make_conv.py
"""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from refgen import RefWriter, keras  # noqa: E402

L = keras.layers
w = RefWriter("conv")
c = w.case

c("Conv1D.causal_dilated", "Conv1D causal, dilation 2", [(9, 3)], [("c", L.Conv1D(4, 3, padding="causal", dilation_rate=2, activation="tanh"), ["in_0"])])
c("Conv1D.causal_strided", "Conv1D causal, stride 2", [(9, 3)], [("c", L.Conv1D(2, 4, strides=2, padding="causal"), ["in_0"])])
c("Conv1D.channels_first_same_s2", "Conv1D channels_first same stride 2", [(3, 9)], [("c", L.Conv1D(4, 3, strides=2, padding="same", data_format="channels_first"), ["in_0"])])
c("Conv1D.groups", "Conv1D groups=2", [(8, 4)], [("c", L.Conv1D(6, 3, groups=2, activation="relu"), ["in_0"])])
c("Conv2D.channels_first_valid_s2", "Conv2D channels_first valid stride 2", [(3, 7, 6)], [("c", L.Conv2D(4, 3, strides=2, data_format="channels_first"), ["in_0"])])
c("Conv2D.channels_first_dilated", "Conv2D channels_first same dilation 2", [(2, 7, 7)], [("c", L.Conv2D(3, 3, padding="same", dilation_rate=2, data_format="channels_first"), ["in_0"])])
c("Conv2D.groups_same", "Conv2D groups=3 same", [(6, 5, 6)], [("c", L.Conv2D(6, (3, 2), padding="same", groups=3, use_bias=False), ["in_0"])])
c("Conv2D.even_kernel_same_s2", "Conv2D even kernel same stride 2", [(7, 6, 2)], [("c", L.Conv2D(3, 4, strides=2, padding="same"), ["in_0"])])
c("Conv3D.channels_first", "Conv3D channels_first same stride 2", [(2, 5, 4, 5)], [("c", L.Conv3D(3, 3, strides=2, padding="same", data_format="channels_first"), ["in_0"])])
c("Conv3D.dilated_valid", "Conv3D dilation (2,1,2) valid", [(6, 4, 6, 2)], [("c", L.Conv3D(2, 2, dilation_rate=(2, 1, 2), activation="sigmoid"), ["in_0"])])
c("Conv2DTranspose.valid_s2_op1", "Conv2DTranspose valid stride 2 output_padding 1", [(3, 4, 2)], [("c", L.Conv2DTranspose(3, 3, strides=2, output_padding=1), ["in_0"])])
c("Conv2DTranspose.same_s2_op1", "Conv2DTranspose same stride 2 output_padding 1", [(3, 4, 2)], [("c", L.Conv2DTranspose(3, 3, strides=2, padding="same", output_padding=1), ["in_0"])])
c("Conv2DTranspose.same_s3_k2", "Conv2DTranspose same stride (3,2) kernel 2", [(3, 4, 2)], [("c", L.Conv2DTranspose(2, 2, strides=(3, 2), padding="same"), ["in_0"])])
c("Conv2DTranspose.channels_first", "Conv2DTranspose channels_first valid stride 2", [(2, 3, 4)], [("c", L.Conv2DTranspose(3, (2, 3), strides=2, data_format="channels_first", activation="relu"), ["in_0"])])
c("Conv2DTranspose.dilated", "Conv2DTranspose dilation 2", [(4, 4, 2)], [("c", L.Conv2DTranspose(2, 3, dilation_rate=2), ["in_0"])])
c("Conv3DTranspose.valid", "Conv3DTranspose valid", [(3, 2, 3, 2)], [("c", L.Conv3DTranspose(2, 2), ["in_0"])])
c("Conv3DTranspose.same_s2", "Conv3DTranspose same stride 2", [(2, 3, 2, 2)], [("c", L.Conv3DTranspose(3, 3, strides=2, padding="same"), ["in_0"])])
c("Conv3DTranspose.valid_s2_op", "Conv3DTranspose valid stride 2 output_padding (1,0,1)", [(2, 3, 2, 2)], [("c", L.Conv3DTranspose(2, 3, strides=2, output_padding=(1, 0, 1)), ["in_0"])])
c("Conv3DTranspose.channels_first", "Conv3DTranspose channels_first stride (1,2,1)", [(2, 2, 3, 2)], [("c", L.Conv3DTranspose(2, 2, strides=(1, 2, 1), data_format="channels_first"), ["in_0"])])
c("SeparableConv1D.valid", "SeparableConv1D valid", [(8, 3)], [("c", L.SeparableConv1D(4, 3), ["in_0"])])
c("SeparableConv1D.same_dm2_s2", "SeparableConv1D same depth_multiplier 2 stride 2", [(9, 3)], [("c", L.SeparableConv1D(4, 3, strides=2, padding="same", depth_multiplier=2, activation="relu"), ["in_0"])])
c("SeparableConv1D.channels_first", "SeparableConv1D channels_first", [(3, 8)], [("c", L.SeparableConv1D(2, 3, data_format="channels_first", use_bias=False), ["in_0"])])
c("SeparableConv2D.channels_first", "SeparableConv2D channels_first same", [(3, 6, 5)], [("c", L.SeparableConv2D(4, 3, padding="same", data_format="channels_first"), ["in_0"])])
c("SeparableConv2D.dilated", "SeparableConv2D dilation 2 depth_multiplier 2", [(7, 7, 2)], [("c", L.SeparableConv2D(3, 3, dilation_rate=2, depth_multiplier=2), ["in_0"])])
c("DepthwiseConv2D.valid", "DepthwiseConv2D valid", [(5, 6, 3)], [("c", L.DepthwiseConv2D(3), ["in_0"])])
c("DepthwiseConv2D.same_dm2_s2", "DepthwiseConv2D same depth_multiplier 2 stride 2", [(6, 5, 3)], [("c", L.DepthwiseConv2D(3, strides=2, padding="same", depth_multiplier=2, activation="relu"), ["in_0"])])
c("DepthwiseConv2D.channels_first", "DepthwiseConv2D channels_first", [(3, 6, 5)], [("c", L.DepthwiseConv2D((2, 3), data_format="channels_first"), ["in_0"])])
c("DepthwiseConv2D.dilated", "DepthwiseConv2D dilation 2", [(7, 7, 2)], [("c", L.DepthwiseConv2D(3, dilation_rate=2, use_bias=False), ["in_0"])])
c("Conv1DTranspose.valid_s2_op1", "Conv1DTranspose valid stride 2 output_padding 1", [(5, 3)], [("c", L.Conv1DTranspose(4, 3, strides=2, output_padding=1), ["in_0"])])
c("Conv1DTranspose.same_s3", "Conv1DTranspose same stride 3", [(4, 2)], [("c", L.Conv1DTranspose(2, 4, strides=3, padding="same", activation="tanh"), ["in_0"])])
c("Conv1DTranspose.channels_first_dilated", "Conv1DTranspose channels_first dilation 2", [(2, 5)], [("c", L.Conv1DTranspose(3, 3, dilation_rate=2, data_format="channels_first"), ["in_0"])])

w.write(os.path.dirname(os.path.abspath(__file__)))
