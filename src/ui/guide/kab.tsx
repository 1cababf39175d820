// Amnir n tunigin, s teqbaylit.
export function GuideKab() {
  return (
    <article>
      <h1>Tuffɣa seg X: amnir</h1>
      <h2>1. Sider-d aḥraz-ik·im n X</h2>
      <ol>
        <li>Deg X, ldi Iɣewwaṛen d tbaḍnit › Amiḍan-ik·im › Sider-d aḥraz n yisefka-ik·im.</li>
        <li>Sentem awal-ik·im uffir (d tangalt i k·kem-d-yuzen X), syin fren “Suter aḥraz”.</li>
        <li>
          X ad t-iheggi deg ugilal: s umata deg 24 n yisragen, tikwal kra n wussan i yimiḍanen imeqqranen. Ad
          d-teṭṭfeḍ alɣu d yimayl s useɣwen n usider, ara yeqqimen kra n wussan.
        </li>
        <li>Sider-d afaylu zip. Ur tesriḍ ara ad t-tesfesyeḍ: efk afaylu zip s timmad-is i Passerelle.</li>
      </ol>
      <p>
        Passerelle yeldi aḥraz deg yiminig-ik·im, yettazen kan asulay n umiḍan-ik·im d tebdarin n yisulay n
        yimiḍanen i teṭṭafaṛeḍ d wid i k·kem-iṭṭafaṛen. Tisuffaɣ-ik·im, tugniwin-ik·im d yiznan-ik·im usriden
        ur tteffɣen ara seg yibenk-ik·im.
      </p>
      <h3>Alamma yewweḍ-d</h3>
      <p>
        Ur tesriḍ ara aḥraz iwakken ad tebduḍ. Deg usebter n ujerred, qqen amiḍan-ik·im n Bluesky neɣ n
        Mastodon, syin qqen s X iwakken ad d-tesbeggneḍ belli amiḍan n X d ayla-k·m: si tama-nni, imdanen i
        k·kem-iṭṭafaṛen deg X yerna seqdacen Passerelle zemren ad k·kem-afen, ma tqebleḍ. Passerelle ad
        k·kem-id-yesmekti ad tsaliḍ aḥraz deg tirza-ik·im i d-iteddun; mi ara d-yaweḍ, sali-t iwakken ad tafeḍ
        akk wid i teṭṭafaṛeḍ.
      </p>
      <p>
        Ma tesqedceḍ ibenk-nniḍen ticki, qqen s umiḍan n Bluesky neɣ n Mastodon i teqqneḍ: ad tafeḍ
        amiḍan-ik·im n Passerelle akken i t-teǧǧiḍ.
      </p>
      <h2>2. Fren aqeddac n Mastodon</h2>
      <ul>
        <li>
          Mastodon d aṭas n yiqeddacen i yettmeslayen wa d wa: tzemreḍ ad tḍefṛeḍ yal yiwen seg yal aqeddac.
        </li>
        <li>
          Fren yiwen s yilugan d tutlayt i k·kem-yehwan, i yesseddayen yimdanen i tettamneḍ, yeldin i ujerred.
          Aqeddac ameqqran amatu (am mastodon.social) d tazwara yelhan.
        </li>
        <li>Tzemreḍ ad tbeddleḍ ticki: Mastodon ad yawi imeḍfaṛen-ik·im ɣer umiḍan-ik·im amaynut.</li>
      </ul>
      <p>
        Bluesky yetteddu s yiwen n ujerred deg bsky.app; tzemreḍ daɣen ad tesqedceḍ taɣult-ik·im am usulay.
      </p>
      <h2>3. Acu ara yeḍrun i umiḍan-ik·im n X</h2>
      <ul>
        <li>Passerelle werǧin ad d-isuffeɣ deg X, werǧin ad yekkes kra din.</li>
        <li>
          Eǧǧ amiḍan-ik·im n X yeldi kra n wakud s yizen i d-yemmalen tansiwin-ik·im timaynutin, iwakken ad
          k·kem-afen yimdanen; sens-it kan mi ara theyyaḍ (X ad t-yekkes 30 n wussan deffir asensi).
        </li>
        <li>
          Isem n useqdac yettwakksen yezmer ad t-yeṭṭef wayeḍ: kra n yimdanen ttaǧǧan amiḍan, yettwasekker
          yerna d ilem.
        </li>
      </ul>
      <h2>4. Ḥrez aḥraz-ik·im</h2>
      <p>
        Aḥraz-ik·im d yiwet kan n tnusxa n yiseggasen-ik·im deg X. Ḥrez afaylu zip deg wadeg yettwaḥerzen
        (snat n tnusxiwin xir n yiwet) send ad tsenseḍ amiḍan-ik·im.
      </p>
    </article>
  );
}
