/** Small trade files made in the shapes UN Comtrade+ and the IMF (SDMX-CSV) export; the figures are invented for tests. */
export const COMTRADE_PLUS = `typeCode,freqCode,refYear,reporterCode,reporterISO,reporterDesc,flowCode,flowDesc,partnerCode,partnerISO,partnerDesc,cmdCode,cmdDesc,primaryValue
C,A,2022,398,KAZ,Kazakhstan,X,Export,156,CHN,China,TOTAL,All Commodities,13200000000
C,A,2022,398,KAZ,Kazakhstan,X,Export,643,RUS,Russian Federation,TOTAL,All Commodities,8800000000
C,A,2022,398,KAZ,Kazakhstan,X,Export,0,W00,World,TOTAL,All Commodities,84400000000
C,A,2022,398,KAZ,Kazakhstan,X,Export,156,CHN,China,27,Mineral fuels,9000000000
C,A,2022,643,RUS,Russian Federation,M,Import,398,KAZ,Kazakhstan,TOTAL,All Commodities,9100000000
C,A,2022,643,RUS,Russian Federation,X,Export,398,KAZ,Kazakhstan,TOTAL,All Commodities,17000000000
C,A,2022,643,RUS,Russian Federation,X,Export,0,W00,World,TOTAL,All Commodities,590000000000
C,A,2022,156,CHN,China,M,Import,643,RUS,Russian Federation,TOTAL,All Commodities,114000000000
`;
export const IMF_SDMX = `DATASET,COUNTRY,COUNTERPART_COUNTRY,INDICATOR,FREQUENCY,TIME_PERIOD,OBS_VALUE
IMF.STA:IMTS,CHN,KAZ,XG_FOB_USD,A,2022,16300
IMF.STA:IMTS,CHN,RUS,XG_FOB_USD,A,2022,76100
IMF.STA:IMTS,CHN,W00,XG_FOB_USD,A,2022,3593600
IMF.STA:IMTS,CHN,RUS,TBG_USD,A,2022,-38000
`;

/** Trade with the world by HS chapter, in Comtrade+'s shape; invented figures chosen so the indices can be checked by hand. */
export const COMTRADE_PRODUCTS = `typeCode,freqCode,refYear,reporterCode,reporterISO,reporterDesc,flowCode,flowDesc,partnerCode,partnerISO,partnerDesc,cmdCode,cmdDesc,primaryValue
C,A,2022,398,KAZ,Kazakhstan,X,Export,0,W00,World,27,Mineral fuels,60
C,A,2022,398,KAZ,Kazakhstan,X,Export,0,W00,World,72,Iron and steel,40
C,A,2022,398,KAZ,Kazakhstan,M,Import,0,W00,World,85,Electrical machinery,70
C,A,2022,398,KAZ,Kazakhstan,X,Export,156,CHN,China,27,Mineral fuels,9
C,A,2022,156,CHN,China,M,Import,0,W00,World,27,Mineral fuels,20
C,A,2022,156,CHN,China,M,Import,0,W00,World,72,Iron and steel,30
C,A,2022,156,CHN,China,M,Import,0,W00,World,85,Electrical machinery,50
C,A,2022,156,CHN,China,X,Export,0,W00,World,85,Electrical machinery,500
`;
