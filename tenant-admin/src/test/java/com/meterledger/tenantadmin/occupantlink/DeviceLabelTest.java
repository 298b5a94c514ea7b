package com.meterledger.tenantadmin.occupantlink;

import com.meterledger.tenantadmin.occupantlink.DeviceLabel.Browser;
import com.meterledger.tenantadmin.occupantlink.DeviceLabel.Platform;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** What staff see of a remembered phone, worked out from user agents occupants' phones really send. */
class DeviceLabelTest {

    @Test
    void givenWeChatOnAnIPhone_thenTheInAppBrowserIsNamed_notTheEngineItEmbeds() {
        DeviceLabel label = DeviceLabel.of("Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 "
                + "(KHTML, like Gecko) Mobile/15E148 MicroMessenger/8.0.47(0x18002f2c) NetType/WIFI Language/zh_CN");

        assertThat(label).isEqualTo(new DeviceLabel(Platform.IPHONE, Browser.WECHAT));
        assertThat(label.code()).isEqualTo("IPHONE/WECHAT");
    }

    @Test
    void givenChromeOnAndroidAndSafariOnAnIPhone_thenEachIsNamed() {
        assertThat(DeviceLabel.of("Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) "
                + "Chrome/120.0.0.0 Mobile Safari/537.36")).isEqualTo(new DeviceLabel(Platform.ANDROID, Browser.CHROME));
        assertThat(DeviceLabel.of("Mozilla/5.0 (iPhone; CPU iPhone OS 17_1 like Mac OS X) AppleWebKit/605.1.15 "
                + "(KHTML, like Gecko) Version/17.1 Mobile/15E148 Safari/604.1"))
                .isEqualTo(new DeviceLabel(Platform.IPHONE, Browser.SAFARI));
    }

    @Test
    void givenAlipayOnHarmonyOsAndEdgeOnWindows_thenEachIsNamed() {
        assertThat(DeviceLabel.of("Mozilla/5.0 (Phone; OpenHarmony 4.0) AppleWebKit/537.36 (KHTML, like Gecko) "
                + "Chrome/114.0.0.0 Safari/537.36 ArkWeb/4.1.6.1 Mobile HuaweiBrowser/5.0 AlipayClient/10.5.0"))
                .isEqualTo(new DeviceLabel(Platform.HARMONYOS, Browser.ALIPAY));
        assertThat(DeviceLabel.of("Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
                + "Chrome/120.0.0.0 Safari/537.36 Edg/120.0.0.0")).isEqualTo(new DeviceLabel(Platform.WINDOWS,
                Browser.EDGE));
    }

    @Test
    void givenNoOrAnOddUserAgent_thenTheDeviceIsUnknown() {
        assertThat(DeviceLabel.of(null)).isEqualTo(new DeviceLabel(Platform.OTHER, Browser.OTHER));
        assertThat(DeviceLabel.of("curl/8.5.0")).isEqualTo(new DeviceLabel(Platform.OTHER, Browser.OTHER));
    }

    @Test
    void givenAStoredCode_thenItReadsBack_andAnUnreadableOneIsTheUnknownDevice() {
        assertThat(DeviceLabel.parse("ANDROID/FIREFOX")).isEqualTo(new DeviceLabel(Platform.ANDROID, Browser.FIREFOX));
        assertThat(DeviceLabel.parse("TOASTER/NETSCAPE")).isEqualTo(new DeviceLabel(Platform.OTHER, Browser.OTHER));
        assertThat(DeviceLabel.parse("")).isEqualTo(new DeviceLabel(Platform.OTHER, Browser.OTHER));
    }
}
